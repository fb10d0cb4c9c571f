/** Transport icons as inline SVG: no icon font, no glyphs a system may lack. */
const common = { width: 18, height: 18, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
  </svg>
);

export const PauseIcon = () => (
  <svg {...common}>
    <path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z" fill="currentColor" />
  </svg>
);

export const StepIcon = () => (
  <svg {...common}>
    <path d="M5 5v14l10-7zM16.5 5H19v14h-2.5z" fill="currentColor" />
  </svg>
);

export const ResetIcon = () => (
  <svg {...common}>
    <path d="M12 5a7 7 0 1 1-6.7 5H3l3.5-4 3.5 4H7.4A5 5 0 1 0 12 7z" fill="currentColor" />
  </svg>
);
