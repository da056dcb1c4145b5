import { forwardRef, type CSSProperties, type ReactNode } from 'react';

/**
 * Stand-in for react-custom-scrollbars-2 in the harness bundle: its CommonJS build does not bundle
 * for the browser here, and a plain scrolling box is all a test page needs.
 */
const Scrollbars = forwardRef<HTMLDivElement, { children?: ReactNode; style?: CSSProperties; className?: string }>(function Scrollbars(
  { children, style, className },
  ref,
) {
  return (
    <div ref={ref} className={className} style={{ overflow: 'auto', ...style }}>
      {children}
    </div>
  );
});

export default Scrollbars;
export { Scrollbars };
