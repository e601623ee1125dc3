import { useState, type ReactNode } from 'react';
import { useStudio } from '../../state/studio.ts';
import { readPickedFiles } from '../toolbar/read-files.ts';

/** Rule files (and Kibana exports) dropped anywhere on the app open at once. */
export function DropZone({ children }: { children: ReactNode }) {
  const openFiles = useStudio((s) => s.openFiles);
  const [over, setOver] = useState(false);
  const carriesFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void readPickedFiles(Array.from(e.dataTransfer.files)).then(openFiles);
      }}
    >
      {children}
      {over && <div className="drop-hint">Drop rule files (.toml, Kibana .ndjson) to open them</div>}
    </div>
  );
}
