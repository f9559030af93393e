/**
 * What people put between the digits of a phone number ("138 0013 8000", "0915-110", "(029)8888.6666", "138/0013/8000"),
 * as a regular-expression class body. The phone reader and the log mask share it: a number the reader accepts is a
 * number the mask hides.
 */
export const NUMBER_SEPARATORS = '\\s\\-.()/'
