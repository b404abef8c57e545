/**
 * Unit words a final answer may carry after its value (MATH-style answers), as regex alternatives.
 * `short` holds one-letter units, dropped only inside `\text{}` where they cannot be variables.
 */
export const UNIT_WORDS = {
  long: [
    'units?', 'sq\\.?\\s*units?', 'dollars?', 'cents?', 'radians?',
    'inch(?:es)?', 'in\\.', 'feet', 'foot', 'ft\\.?', 'yards?', 'yds?', 'miles?', 'mi',
    'millimet(?:er|re)s?', 'centimet(?:er|re)s?', 'met(?:er|re)s?', 'kilomet(?:er|re)s?', 'mm', 'cm', 'km',
    'grams?', 'kilograms?', 'kg', 'mg', 'pounds?', 'lbs?', 'ounces?', 'oz', 'tons?',
    'lit(?:er|re)s?', 'millilit(?:er|re)s?', 'ml', 'mL', 'gallons?', 'cups?',
    'seconds?', 'secs?', 'minutes?', 'mins?', 'hours?', 'hrs?', 'days?', 'weeks?', 'months?', 'years?',
    'mph', 'km/h', 'm/s', 'ft/s',
    'people', 'persons?', 'students?', 'ways', 'items?', 'points?', 'coins?', 'marbles?', 'apples?', 'boxes', 'times',
  ],
  short: ['m', 's', 'g', 'l', 'L', 'h', 'd'],
};
