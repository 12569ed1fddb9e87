// dayjs/plugin/devHelper reads `process.env.NODE_ENV` (and throws a ReferenceError
// without `process`): the sandbox has no `process`, and NODE_ENV is unset there,
// as it is for the Node oracle, so the plugin warns as it does in development.
export const process = { env: {} };
