export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <circle cx="16" cy="16" r="8.5" fill="none" stroke="white" strokeWidth="2.5" />
        <circle cx="16" cy="16" r="3" fill="white" />
      </svg>
      <span>Ambit</span>
    </span>
  );
}
