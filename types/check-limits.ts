// Plain values of the check contract, apart from the TypeBox schemas so the app can import them without TypeBox.

/** Longest message the message check takes; a longer paste is refused with a message, never cut. */
export const MAX_MESSAGE_LENGTH = 5000
