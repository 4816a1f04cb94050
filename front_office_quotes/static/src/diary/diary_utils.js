/** Minutes of one row of the Diary, and its height on screen (see diary_grid.scss). */
export const SLOT_MINUTES = 15;
export const ROW_HEIGHT = 22;

const { DateTime } = luxon;

/** The server's UTC string ("YYYY-MM-DD HH:MM:SS") as a luxon time in ``tz``. */
export function fromUtc(value, tz) {
    return DateTime.fromSQL(value, { zone: "utc" }).setZone(tz);
}

/** A luxon time as the server's UTC string. */
export function toUtc(moment) {
    return moment.toUTC().toFormat("yyyy-MM-dd HH:mm:ss");
}

/** The message of a refusal from the server (UserError, ValidationError...). */
export function errorMessage(error) {
    return error?.data?.message || error?.message || String(error);
}
