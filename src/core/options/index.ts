/**
 * Options: the flag table, value parsers, config files and the precedence merge that turns argv, `LOCUST_*`
 * variables and config files into typed {@link Options}.
 * @module
 */
export { ArgumentTable, createArgumentTable, toOptionKey, type CustomArgumentSpec } from "./argument-table.ts";
export { findClosestName } from "./closest-name.ts";
export { coerceFlagValue, type CoerceContext } from "./coerce-flag-value.ts";
export { parseConfText, type ConfEntry, type ParsedConf } from "./conf-text.ts";
export { loadConfigFiles, type ConfigFilesInput, type ConfigLayer } from "./config-files.ts";
export {
  FLAGS,
  type BuiltinFlagSpec,
  type BuiltinOptionKey,
  type FlagGroup,
  type FlagSpec,
  type OptionValue,
  type ValueKind,
  type WebUiSettings,
} from "./flags.ts";
export { formatHelp, type HelpLayout } from "./help.ts";
export { OptionError, type OptionProblem } from "./option-error.ts";
export { defaultOptions, type Options } from "./options.ts";
export { parseArgv, type ArgvValue, type ParsedArgv } from "./parse-argv.ts";
export { peekOptions, resolveOptions, type ResolveInput, type ResolvedOptions } from "./resolve.ts";
export { validateOptions } from "./validate-options.ts";
export {
  parseBool,
  parseHost,
  parseInteger,
  parseList,
  parseLogLevel,
  parseNonNegativeInt,
  parseNumber,
  parsePort,
  parsePositiveFloat,
  parsePositiveInt,
  parseTimespan,
  splitExpressionList,
} from "./values.ts";
