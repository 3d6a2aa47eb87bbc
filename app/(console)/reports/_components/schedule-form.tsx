"use client";

import { useActionState } from "react";
import { saveScheduleAction, type ReportActionResult } from "../actions";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface ScheduleFormValues {
  id?: string;
  name: string;
  scopeText: string;
  recipients: string[];
  paper: "a4" | "letter";
  dayOfWeek: number;
  timeOfDay: string;
  timeZone: string;
  enabled: boolean;
}

/** One schedule, editable by admins in place; without an id it creates a new one. */
export function ScheduleForm({ initial }: { initial: ScheduleFormValues }) {
  const [state, action, isPending] = useActionState<ReportActionResult | null, FormData>(saveScheduleAction, null);
  const key = initial.id ?? "new";
  return (
    <form action={action} className="form-grid" data-testid={`schedule-form-${key}`} style={{ marginBottom: 16 }}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div>
        <label htmlFor={`s-name-${key}`}>Name</label>
        <input id={`s-name-${key}`} name="name" defaultValue={initial.name} required />
      </div>
      <div>
        <label htmlFor={`s-scope-${key}`}>Scope (all, accounts:ID,ID or tag:KEY=VALUE)</label>
        <input id={`s-scope-${key}`} name="scope" defaultValue={initial.scopeText} />
      </div>
      <div className="wide">
        <label htmlFor={`s-recipients-${key}`}>Recipients (e-mail addresses, comma separated)</label>
        <input id={`s-recipients-${key}`} name="recipients" defaultValue={initial.recipients.join(", ")} />
      </div>
      <div>
        <label htmlFor={`s-day-${key}`}>Day and time</label>
        <span style={{ display: "flex", gap: 8 }}>
          <select id={`s-day-${key}`} name="dayOfWeek" defaultValue={String(initial.dayOfWeek)}>
            {DAYS.map((day, index) => (
              <option key={day} value={index + 1}>
                {day}
              </option>
            ))}
          </select>
          <input
            name="timeOfDay"
            defaultValue={initial.timeOfDay}
            pattern="[0-2][0-9]:[0-5][0-9]"
            aria-label="Time (HH:MM)"
            style={{ width: 90 }}
          />
          <input name="timeZone" defaultValue={initial.timeZone} aria-label="Time zone" style={{ width: 160 }} />
        </span>
      </div>
      <div>
        <label htmlFor={`s-paper-${key}`}>Paper</label>
        <span style={{ display: "flex", gap: 12, alignItems: "center" }}>
          <select id={`s-paper-${key}`} name="paper" defaultValue={initial.paper}>
            <option value="a4">A4</option>
            <option value="letter">Letter</option>
          </select>
          <span>
            <input type="checkbox" name="enabled" defaultChecked={initial.enabled} id={`s-enabled-${key}`} />{" "}
            <span className="small">enabled</span>
          </span>
        </span>
      </div>
      <div className="wide actions">
        <button type="submit" disabled={isPending}>
          {initial.id ? "Save schedule" : "Add schedule"}
        </button>
        {state ? <span className={state.isOk ? "ok-text" : "error-text"}>{state.message}</span> : null}
      </div>
    </form>
  );
}
