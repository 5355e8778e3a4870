/**
 * `dim_date_v1`: a generated calendar, one row per day from 2000-01-01 to 2049-12-31
 * (about 18,000 rows), with the ISO week, month, quarter and year each day belongs to,
 * labelled in the ledger's period notation (2025-W07, 2025-02, 2025-Q1, 2025) so a
 * fact's `period` and the calendar agree. Days are UTC calendar days, as in every fact.
 * Generated on read: nothing to load or keep up to date.
 */
import type { BiView } from '../bi-view';
import { required } from '../column';

export const CALENDAR_FIRST_DAY = '2000-01-01';
export const CALENDAR_LAST_DAY = '2049-12-31';

export const dimDate: BiView = {
  name: 'dim_date_v1',
  kind: 'dimension',
  grain: `one row per calendar day from ${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY}`,
  description: 'The calendar: the ISO week, month, quarter and year of every day, labelled as the ledger labels periods.',
  key: { column: 'date_key', parts: ['date_key'] },
  columns: [
    required('date_key', 'date', 'day.d', 'The calendar day (UTC); facts join it by their *_on, due_date and period_start columns.'),
    required('iso_day_of_week', 'integer', "extract(isodow FROM day.d)", 'Day of the ISO week: 1 = Monday ... 7 = Sunday.'),
    required('day_name', 'text', "to_char(day.d, 'FMDay')", 'Monday ... Sunday.'),
    required('is_weekend', 'boolean', 'extract(isodow FROM day.d) >= 6', 'True on Saturday and Sunday.'),
    required('iso_week', 'text', `to_char(day.d, 'IYYY-"W"IW')`, 'The ISO week, e.g. 2025-W07 (weeks start on Monday; week 1 holds the first Thursday).'),
    required('iso_week_start', 'date', "date_trunc('week', day.d)::date", "The Monday of the day's ISO week."),
    required('iso_year', 'integer', 'extract(isoyear FROM day.d)', 'The year the ISO week belongs to (differs from year around New Year).'),
    required('month', 'text', "to_char(day.d, 'YYYY-MM')", 'The month, e.g. 2025-02.'),
    required('month_start', 'date', "date_trunc('month', day.d)::date", 'First day of the month.'),
    required('month_number', 'integer', 'extract(month FROM day.d)', '1 ... 12.'),
    required('month_name', 'text', "to_char(day.d, 'FMMonth')", 'January ... December.'),
    required('quarter', 'text', `to_char(day.d, 'YYYY-"Q"Q')`, 'The quarter, e.g. 2025-Q1.'),
    required('quarter_start', 'date', "date_trunc('quarter', day.d)::date", 'First day of the quarter.'),
    required('quarter_number', 'integer', 'extract(quarter FROM day.d)', '1 ... 4.'),
    required('year', 'integer', 'extract(year FROM day.d)', 'The calendar year.'),
  ],
  from: `FROM generate_series(date '${CALENDAR_FIRST_DAY}', date '${CALENDAR_LAST_DAY}', interval '1 day') AS day_series(at)
CROSS JOIN LATERAL (SELECT day_series.at::date AS d) day`,
};
