// The numbering plans the number rules read: libphonenumber-js's "max" metadata, the only one that keeps every
// verdict (the smaller ones drop number types or mark landlines invalid: measured by `npm run bench:offline`).
import metadata from 'libphonenumber-js/max/metadata'

export default metadata
