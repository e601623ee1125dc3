import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';
import { EDITABLE_INPUT_BYTES, LARGE_INPUT_CHARS } from '../../state/events.ts';
import { formatBytes, plural } from './format.ts';

const PLACEHOLDER =
  'Paste or drop events: NDJSON (one JSON object per line), a JSON array, an Elasticsearch _search or _eql/search response, or a Kibana Discover CSV export';

/**
 * The events input. Small inputs are edited in the textarea; large ones (a big paste or file)
 * are kept as a Blob and only summarised, so no megabytes of text ever sit in React state or
 * the DOM. The textarea stays present: typing or pasting into it replaces a large input.
 */
export function EventsInput() {
  const eventsText = useApp((s) => selectedEntry(s)?.eventsText ?? '');
  const selectedId = useApp((s) => s.selectedId);
  const file = useApp((s) => (selectedId ? s.files[selectedId] : undefined));
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = e.clipboardData.getData('text/plain');
    // A large paste never reaches the textarea: it would freeze the page while laid out.
    if (text.length > LARGE_INPUT_CHARS) {
      e.preventDefault();
      useApp.getState().actions.events.setEventsText(text);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) void useApp.getState().actions.events.setEventsFile(dropped, dropped.name);
    else {
      const text = e.dataTransfer.getData('text/plain');
      if (text) useApp.getState().actions.events.setEventsText(text);
    }
  };

  return (
    <div
      className={`events-input-area${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="events-actions">
        <label className="button small file-button">
          Load events file
          <input
            ref={fileInput}
            type="file"
            aria-label="Load events file"
            accept=".json,.ndjson,.jsonl,.csv,.txt,application/json,text/csv,text/plain"
            onChange={(e) => {
              const picked = e.currentTarget.files?.[0];
              if (picked) void useApp.getState().actions.events.setEventsFile(picked, picked.name);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {(file || eventsText) && (
          <button type="button" className="button small" onClick={() => useApp.getState().actions.events.setEventsText('')}>
            Clear events
          </button>
        )}
      </div>
      {file && (
        <div className="events-file" role="group" aria-label="Loaded events input">
          <span>
            <strong>{file.name}</strong> · {formatBytes(file.blob.size)}
          </span>
          {file.blob.size <= EDITABLE_INPUT_BYTES ? (
            <button type="button" className="button small" onClick={() => void useApp.getState().actions.events.editFileAsText()}>
              Edit as text
            </button>
          ) : (
            <span className="muted">too large to edit here; type or paste below to replace it</span>
          )}
        </div>
      )}
      <label htmlFor="sample-events" className="visually-hidden">
        Sample events
      </label>
      <textarea
        id="sample-events"
        className={file ? 'events-input replace-only' : 'events-input'}
        spellCheck={false}
        placeholder={file ? 'Type or paste here to replace the loaded events' : PLACEHOLDER}
        value={eventsText}
        onPaste={onPaste}
        onChange={(e) => useApp.getState().actions.events.setEventsText(e.currentTarget.value)}
        rows={file ? 2 : undefined}
      />
      <ReadingProgress />
    </div>
  );
}

function ReadingProgress() {
  const load = useApp((s) => s.load);
  if (load.status !== 'reading' && load.status !== 'preparing') return null;
  const p = load.progress;
  // Small inputs finish before a bar would help; show it once there is progress to report.
  if (!p && load.status === 'reading') return null;
  const label = load.status === 'preparing' ? 'Preparing the pasted events' : 'Reading events';
  return (
    <div className="reading-progress">
      <progress aria-label="Reading events" max={p?.total || 1} value={p?.done ?? 0} />
      <span className="muted">
        {label}
        {p && p.total > 0 && ` — ${formatBytes(p.done)} of ${formatBytes(p.total)}`}
        {p && p.events > 0 && `, ${plural(p.events, 'event')}`}
      </span>
      <button type="button" className="button small" onClick={() => useApp.getState().actions.events.cancelReading()}>
        Cancel
      </button>
    </div>
  );
}
