// Countdown to a quiz attempt's deadline. The server sends the time left when the page
// loads; this counts it down locally so the browser needs no message per second.
// The clock is role="timer" (not announced as it ticks); the warnings at 5 and 1 minutes
// go to a separate polite live region, once each.
import { createElement as h, useEffect, useMemo, useRef, useState } from "react";

const WARNINGS = [
  [60_000, "1 minute left. Your saved answers will be submitted automatically when the time is up."],
  [300_000, "5 minutes left. Your answers are saved as you go."],
];

function format(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return `${minutes}:${seconds}`;
}

export function QuizTimer({ remainingMs, attemptId, onExpire, ...rest }) {
  const endAt = useMemo(() => Date.now() + Number(remainingMs || 0), [remainingMs, attemptId]);
  const [left, setLeft] = useState(() => endAt - Date.now());
  const fired = useRef(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    fired.current = false;
    const tick = () => {
      const ms = endAt - Date.now();
      setLeft(ms);
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        if (expire.current) expire.current();
      }
    };
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
  }, [endAt]);

  const warning = WARNINGS.find(([limit]) => left <= limit);
  const urgent = left <= 60_000;
  return h(
    "div",
    { className: "quiz-timer" + (urgent ? " quiz-timer-urgent" : ""), ...rest },
    h(
      "p",
      { className: "quiz-timer-clock" },
      "Time left: ",
      h("span", { role: "timer", "aria-label": "Time left", id: "quiz-time-left" }, format(left)),
    ),
    h("p", { role: "status", "aria-live": "polite", className: "quiz-timer-warning", id: "quiz-time-warning" },
      left > 0 && warning ? warning[1] : left <= 0 ? "Time is up. Submitting your saved answers…" : ""),
  );
}
