/** Calendar arithmetic the pages need, on ISO dates (YYYY-MM-DD). */

/** The same day `years` later or earlier; 29 February becomes the 28th in a year without it (2024-02-29 - 1 year). */
export const shiftYears = (date: string, years: number): string => {
  const year = Number(date.slice(0, 4)) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const rest = date.slice(4) === '-02-29' && !leap ? '-02-28' : date.slice(4);
  return `${String(year).padStart(4, '0')}${rest}`;
};
