/**
 * An in-memory folder behind the part of the File System Access API the workspace uses
 * (FileSystemDirectoryHandle and FileSystemFileHandle: values, getDirectoryHandle,
 * getFileHandle, getFile, createWritable). Self-contained (no imports, no outer names), so e2e
 * tests can inject its source into the page as a fake `showDirectoryPicker`.
 */
export function makeFakeDirectory(files: Record<string, string>) {
  type FileNode = { kind: 'file'; name: string; bytes: Uint8Array; lastModified: number };
  type DirNode = { kind: 'directory'; name: string; children: Map<string, FileNode | DirNode> };
  let clock = 1_700_000_000_000;
  // Every write moves the clock on, so a file written twice never keeps its modification time.
  const tick = () => (clock = Math.max(clock + 1, Date.now()));
  const encode = (text: string) => new TextEncoder().encode(text);
  const rootNode: DirNode = { kind: 'directory', name: 'repo', children: new Map() };

  const dirOf = (path: string, create: boolean): DirNode | null => {
    let dir = rootNode;
    for (const segment of path.split('/').slice(0, -1)) {
      let next = dir.children.get(segment);
      if (!next && create) dir.children.set(segment, (next = { kind: 'directory', name: segment, children: new Map() }));
      if (next?.kind !== 'directory') return null;
      dir = next;
    }
    return dir;
  };
  const put = (path: string, text: string) => {
    const dir = dirOf(path, true)!;
    const name = path.split('/').pop()!;
    dir.children.set(name, { kind: 'file', name, bytes: encode(text), lastModified: tick() });
  };
  for (const [path, text] of Object.entries(files)) put(path, text);

  const notFound = (name: string) => Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
  const fileHandle = (node: FileNode) => ({
    kind: 'file' as const,
    name: node.name,
    async getFile() {
      const bytes = node.bytes;
      return {
        size: bytes.length,
        lastModified: node.lastModified,
        text: async () => new TextDecoder().decode(bytes),
        arrayBuffer: async () => bytes.slice().buffer,
      };
    },
    async createWritable() {
      let written = '';
      return {
        async write(data: string) {
          written += data;
        },
        // As Chromium: the file changes when the stream closes, all at once.
        async close() {
          node.bytes = encode(written);
          node.lastModified = tick();
        },
      };
    },
  });
  type Handle = ReturnType<typeof fileHandle> | DirHandle;
  type DirHandle = {
    kind: 'directory';
    name: string;
    values(): AsyncIterable<Handle>;
    getDirectoryHandle(name: string): Promise<DirHandle>;
    getFileHandle(name: string, options?: { create?: boolean }): Promise<ReturnType<typeof fileHandle>>;
  };
  const dirHandle = (node: DirNode): DirHandle => ({
    kind: 'directory',
    name: node.name,
    async *values() {
      for (const child of [...node.children.values()]) yield child.kind === 'file' ? fileHandle(child) : dirHandle(child);
    },
    async getDirectoryHandle(name: string) {
      const child = node.children.get(name);
      if (!child) throw notFound(name);
      if (child.kind !== 'directory') throw Object.assign(new Error(`${name} is a file`), { name: 'TypeMismatchError' });
      return dirHandle(child);
    },
    async getFileHandle(name: string, options: { create?: boolean } = {}) {
      let child = node.children.get(name);
      if (!child && options.create) node.children.set(name, (child = { kind: 'file', name, bytes: new Uint8Array(), lastModified: tick() }));
      if (!child) throw notFound(name);
      if (child.kind !== 'file') throw Object.assign(new Error(`${name} is a folder`), { name: 'TypeMismatchError' });
      return fileHandle(child);
    },
  });

  return {
    root: dirHandle(rootNode),
    /** A file's text now, or undefined. */
    read(path: string): string | undefined {
      const node = dirOf(path, false)?.children.get(path.split('/').pop()!);
      return node?.kind === 'file' ? new TextDecoder().decode(node.bytes) : undefined;
    },
    /** Another program writes a file. */
    write: put,
    /** Another program deletes a file. */
    remove(path: string): void {
      dirOf(path, false)?.children.delete(path.split('/').pop()!);
    },
  };
}
