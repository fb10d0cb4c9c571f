/**
 * Formats one number in en-US and says so (warmIntl.ts): the first number formatted in the renderer process
 * loads ICU's number-formatting data, which later formatters on any thread of the process then share.
 */
const scope = self as unknown as { postMessage(message: null): void };
(1234.5).toLocaleString('en-US');
scope.postMessage(null);
