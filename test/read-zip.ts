/** Reads a stored (uncompressed) ZIP back by its central directory, as unzip tools do — so tests need no `unzip` binary. */
export interface ReadZipEntry {
  name: string;
  text: string;
  crc: number;
}

export function readZip(bytes: Uint8Array): ReadZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error('no end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: ReadZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`central directory entry ${i} has a bad signature`);
    const method = view.getUint16(at + 10, true);
    if (method !== 0) throw new Error(`entry ${i} is compressed (method ${method})`);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new Error(`local header of ${name} has a bad signature`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    files.push({ name, text: decoder.decode(bytes.subarray(dataStart, dataStart + size)), crc });
    at += 46 + nameLength;
  }
  return files;
}
