import { useApp } from '../../state/store.ts';
import { useState, type ReactNode } from 'react';

/** Rule files (and Kibana exports) dropped anywhere on the app open at once. */
export function DropZone({ children }: { children: ReactNode }) {
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
        void useApp.getState().actions.workspace.openDroppedFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
      {over && <div className="drop-hint">Drop rule files (.toml, Kibana .ndjson) to open them</div>}
    </div>
  );
}
