/**
 * The five inquirer prompts the wizard asks with, and nothing else: importing the
 * `@inquirer/prompts` namespace would bundle every prompt (the editor one alone drags in text
 * encodings worth half a megabyte) although none of the others ever runs.
 */
export { default as checkbox } from '@inquirer/checkbox';
export { default as confirm } from '@inquirer/confirm';
export { default as input } from '@inquirer/input';
export { default as search } from '@inquirer/search';
export { default as select } from '@inquirer/select';
