/**
 * What an AI agent reads. Used as a tool, a node is described by its operation's action text plus
 * " in <node>" (n8n-workflow's makeDescription): the agent picks a tool by that line alone. Every
 * action of every node must say what the operation does and what it returns.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Humanly } from '../../nodes/Humanly/Humanly.node';
import { QHub } from '../../nodes/QHub/QHub.node';
import { Qflow } from '../../nodes/Qflow/Qflow.node';

interface Action {
	node: string;
	resource: string;
	operation: string;
	/** The Operation dropdown label, e.g. "Get Many". */
	name: string;
	action: string;
}

/** Every operation of a node as n8n sees it: the options of each resource's Operation dropdown. */
function actionsOf(description: INodeTypeDescription): Action[] {
	return description.properties
		.filter((property: INodeProperties) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				node: description.defaults.name ?? description.displayName,
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String(option.value),
				name: option.name,
				action: option.action ?? '',
			})),
		);
}

const MIN_WORDS = 8;
/** ID, SMS, PIN, and their plurals (IDs). */
const isAcronym = (word: string) => /^\p{Lu}{2,}s?$/u.test(word);
const MAX_CHARACTERS = 200;

/**
 * The rule, as a reviewer would put it: an action text
 * - starts with the verb of its dropdown label ("Get many" for Get Many), so the agent and the user
 *   read the same operation;
 * - says what comes back: "; returns …", or "(one item each)" for a list;
 * - is a sentence, not a label: at least 8 words, at most 200 characters (n8n's node panel lists it);
 * - is in sentence case, as n8n's lint wants: only the first word capitalised, acronyms (ID, SMS)
 *   aside;
 * - is unique within its node (ignoring case).
 */
function problemsOf(action: Action, siblings: Action[]): string[] {
	const text = action.action;
	if (text.trim() === '') return ['is empty'];
	const problems: string[] = [];
	const verb = action.name === 'Get Many' ? 'Get many' : action.name.split(' ')[0];
	if (!text.startsWith(`${verb} `)) problems.push(`does not start with "${verb}"`);
	const returns = action.name === 'Get Many' ? /\(one item each\)/ : /; returns \S/;
	if (!returns.test(text))
		problems.push(
			action.name === 'Get Many' ? 'does not say "(one item each)"' : 'does not say "; returns …"',
		);
	const words = text.split(/\s+/).filter(Boolean);
	if (words.length < MIN_WORDS) problems.push(`has ${words.length} words, fewer than ${MIN_WORDS}`);
	if (text.length > MAX_CHARACTERS)
		problems.push(`has ${text.length} characters, more than ${MAX_CHARACTERS}`);
	const capitalised = words
		.slice(1)
		.flatMap((word) => word.split('/'))
		.map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
		.filter((word) => /^\p{Lu}/u.test(word) && !isAcronym(word));
	if (!/^\p{Lu}/u.test(text)) problems.push('does not start with a capital letter');
	if (capitalised.length > 0) problems.push(`is not in sentence case (${capitalised.join(', ')})`);
	const twins = siblings.filter(
		(other) => other !== action && other.action.toLowerCase() === text.toLowerCase(),
	);
	if (twins.length > 0)
		problems.push(
			`is the same as ${twins.map((twin) => `${twin.resource} ${twin.operation}`).join(', ')}`,
		);
	return problems;
}

const nodes = [new QHub().description, new Qflow().description, new Humanly().description];

describe.each(nodes.map((description) => [description.displayName, description] as const))(
	'%s',
	(_name, description) => {
		const actions = actionsOf(description);

		test('lists every operation of every resource', () => {
			const resources = description.properties.find((property) => property.name === 'resource')
				?.options as INodePropertyOptions[];
			expect(new Set(actions.map((action) => action.resource))).toEqual(
				new Set(resources.map((resource) => String(resource.value))),
			);
			expect(actions.length).toBeGreaterThan(resources.length);
		});

		test('every action text says what the operation does and returns, in sentence case, once', () => {
			const problems = actions.flatMap((action) =>
				problemsOf(action, actions).map(
					(problem) => `${action.resource} ${action.operation}: "${action.action}" ${problem}`,
				),
			);
			expect(problems).toEqual([]);
		});
	},
);

describe('the rule itself', () => {
	const action = (name: string, text: string, operation = 'op'): Action => ({
		node: 'Test',
		resource: 'user',
		operation,
		name,
		action: text,
	});
	const problems = (name: string, text: string) => problemsOf(action(name, text), []);

	test('passes a text a reviewer would accept', () => {
		expect(
			problems('Get', 'Get a user by ID; returns the user with their names and email'),
		).toEqual([]);
		expect(
			problems('Get Many', 'Get many candidates (one item each), optionally filtered by email'),
		).toEqual([]);
	});

	test('fails an empty, terse, verb-less, return-less or miscased text', () => {
		expect(problems('Get', '')).toEqual(['is empty']);
		expect(problems('Get', 'Get a user')).toEqual([
			'does not say "; returns …"',
			'has 3 words, fewer than 8',
		]);
		expect(problems('Get Many', 'Get many users')).toContain('does not say "(one item each)"');
		expect(
			problems('Delete', 'Remove a user for good, by ID; returns their ID and deleted: true'),
		).toEqual(['does not start with "Delete"']);
		expect(problems('Get', 'Get a User by ID; returns the User and their Teams and IDs')).toEqual([
			'is not in sentence case (User, User, Teams)',
		]);
		expect(
			problems('Get', `Get a user by ID; returns ${'the user and '.repeat(20)}more`)[0],
		).toMatch(/more than 200/);
	});

	test('fails a text used twice in one node, whatever its case', () => {
		const first = action('Get', 'Get a user by ID; returns the user with their names', 'get');
		const second = action('Get', 'Get a user by ID; returns the user with their NAMES', 'find');
		expect(problemsOf(first, [first, second])).toEqual(['is the same as user find']);
	});
});
