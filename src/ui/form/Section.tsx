import type { ReactNode } from 'react';

/** A titled form panel; its heading names the region for assistive technology. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel form-section" aria-labelledby={`${id}-title`}>
      <h2 className="panel-title" id={`${id}-title`}>
        {title}
      </h2>
      <form onSubmit={(e) => e.preventDefault()}>{children}</form>
    </section>
  );
}
