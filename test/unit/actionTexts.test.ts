/**
 * Two readers, two texts. n8n names a node on the canvas after its operation's `action` and lists
 * actions by it in the node panel, so the action is short, as n8n's own ("Create a user"). An AI
 * agent picks a tool by its description alone, so each operation also carries the text an agent
 * reads: what it does, what it returns, what fails. As a tool, the node has a Tool Description
 * field per operation (shown only on the tool: `@tool`) whose default is that text; n8n then adds
 * no field of its own and hands the field's value to the agent (n8n-workflow's
 * getToolDescriptionForNode). This test runs that n8n-workflow code on every operation of every node.
 */
import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { Humanly } from '../../nodes/Humanly/Humanly.node';
import { QHub } from '../../nodes/QHub/QHub.node';
import { Qflow } from '../../nodes/Qflow/Qflow.node';

interface Action {
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
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String(option.value),
				name: option.name,
				action: option.action ?? '',
			})),
		);
}

/** ID, SMS, PIN, SSO, and their plurals (IDs). */
const isAcronym = (word: string) => /^\p{Lu}{2,}s?$/u.test(word);
/** n8n's own: "Create a user", "Get many users", "Add a member to a channel". */
const MAX_ACTION_WORDS = 7;
const MAX_ACTION_CHARACTERS = 40;
const MIN_TOOL_WORDS = 8;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

function sentenceCaseProblems(text: string): string[] {
	const capitalised = words(text)
		.slice(1)
		.flatMap((word) => word.split('/'))
		.map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
		.filter((word) => /^\p{Lu}/u.test(word) && !isAcronym(word));
	const problems: string[] = [];
	if (!/^\p{Lu}/u.test(text)) problems.push('does not start with a capital letter');
	if (capitalised.length > 0) problems.push(`is not in sentence case (${capitalised.join(', ')})`);
	return problems;
}

/**
 * The canvas rule: an action starts with the verb of its dropdown label ("Get many" for Get Many),
 * is a few words in sentence case, and is unique within its node (ignoring case).
 */
function actionProblems(action: Action, siblings: Action[]): string[] {
	const text = action.action;
	if (text.trim() === '') return ['is empty'];
	const problems: string[] = [];
	const verb = action.name === 'Get Many' ? 'Get many' : action.name.split(' ')[0];
	if (!text.startsWith(`${verb} `)) problems.push(`does not start with "${verb}"`);
	const count = words(text).length;
	if (count > MAX_ACTION_WORDS) problems.push(`has ${count} words, more than ${MAX_ACTION_WORDS}`);
	if (text.length > MAX_ACTION_CHARACTERS)
		problems.push(`has ${text.length} characters, more than ${MAX_ACTION_CHARACTERS}`);
	problems.push(...sentenceCaseProblems(text));
	const twins = siblings.filter(
		(other) => other !== action && other.action.toLowerCase() === text.toLowerCase(),
	);
	if (twins.length > 0)
		problems.push(
			`is the same as ${twins.map((twin) => `${twin.resource} ${twin.operation}`).join(', ')}`,
		);
	return problems;
}

/** The agent rule: a sentence or more that says what comes back ("Returns …"). */
function toolTextProblems(text: string): string[] {
	if (text.trim() === '') return ['is empty'];
	const problems: string[] = [];
	if (!/\bReturns \S/.test(text)) problems.push('does not say "Returns …"');
	const count = words(text).length;
	if (count < MIN_TOOL_WORDS) problems.push(`has ${count} words, fewer than ${MIN_TOOL_WORDS}`);
	if (!/^\p{Lu}/u.test(text)) problems.push('does not start with a capital letter');
	return problems;
}

/** The node as n8n wraps it for an agent (the name ends in Tool, which `@tool` display options test). */
const asTool = (description: INodeTypeDescription): INodeTypeDescription => ({
	...description,
	name: `${description.name}Tool`,
	displayName: `${description.displayName} Tool`,
});

/** The parameters n8n resolves for a node set to one operation, defaults filled in. */
function parametersOf(description: INodeTypeDescription, action: Action) {
	return NodeHelpers.getNodeParameters(
		description.properties,
		{ resource: action.resource, operation: action.operation },
		true,
		false,
		{ typeVersion: 1 },
		description,
	)!;
}

/** What the agent reads: n8n-workflow's own choice between the node's fields and its action. */
function agentReads(tool: INodeTypeDescription, action: Action): string {
	const node = { parameters: parametersOf(tool, action) } as unknown as INode;
	return NodeHelpers.getToolDescriptionForNode(node, { description: tool } as INodeType);
}

const nodes = [new QHub().description, new Qflow().description, new Humanly().description];

describe.each(nodes.map((description) => [description.displayName, description] as const))(
	'%s',
	(_name, description) => {
		const actions = actionsOf(description);
		const tool = asTool(description);

		test('lists every operation of every resource', () => {
			const resources = description.properties.find((property) => property.name === 'resource')
				?.options as INodePropertyOptions[];
			expect(new Set(actions.map((action) => action.resource))).toEqual(
				new Set(resources.map((resource) => String(resource.value))),
			);
			expect(actions.length).toBeGreaterThan(resources.length);
		});

		test('every action is short, says the operation, in sentence case, once', () => {
			const problems = actions.flatMap((action) =>
				actionProblems(action, actions).map(
					(problem) => `${action.resource} ${action.operation}: "${action.action}" ${problem}`,
				),
			);
			expect(problems).toEqual([]);
		});

		test('as a tool, the agent reads what each operation does and returns, not the short action', () => {
			const problems = actions.flatMap((action) => {
				const text = agentReads(tool, action);
				return toolTextProblems(text).map(
					(problem) => `${action.resource} ${action.operation}: "${text}" ${problem}`,
				);
			});
			expect(problems).toEqual([]);
		});

		test('the Tool Description field exists only on the tool, so n8n adds no field of its own', () => {
			const fields = description.properties.filter(
				(property) => property.name === 'toolDescription',
			);
			expect(fields).toHaveLength(actions.length);
			expect(fields.every((field) => field.displayOptions?.show?.['@tool']?.[0] === true)).toBe(
				true,
			);
			for (const action of actions) {
				expect(parametersOf(description, action)).not.toHaveProperty('toolDescription');
				expect(parametersOf(tool, action).toolDescription).toEqual(expect.any(String));
			}
		});

		test('a description the user wrote on the tool wins', () => {
			const [action] = actions;
			const node = {
				parameters: {
					...parametersOf(tool, action),
					toolDescription: 'Only for the onboarding agent',
				},
			} as unknown as INode;
			expect(NodeHelpers.getToolDescriptionForNode(node, { description: tool } as INodeType)).toBe(
				'Only for the onboarding agent',
			);
		});
	},
);

describe('the rules themselves', () => {
	const action = (name: string, text: string, operation = 'op'): Action => ({
		resource: 'user',
		operation,
		name,
		action: text,
	});
	const problems = (name: string, text: string) => actionProblems(action(name, text), []);

	test('pass what n8n itself writes', () => {
		expect(problems('Create', 'Create a user')).toEqual([]);
		expect(problems('Get Many', 'Get many users')).toEqual([]);
		expect(problems('Generate iFrame SSO Link', 'Generate an SSO link')).toEqual([]);
		expect(toolTextProblems('Get a user by ID. Returns the user with their names.')).toEqual([]);
	});

	test('fail a long, verb-less or miscased action', () => {
		expect(problems('Get', '')).toEqual(['is empty']);
		expect(problems('Create', 'Create a location (site) with a name and optional code')).toEqual([
			'has 10 words, more than 7',
			'has 54 characters, more than 40',
		]);
		expect(problems('Delete', 'Remove a user')).toEqual(['does not start with "Delete"']);
		expect(problems('Get', 'Get a User')).toEqual(['is not in sentence case (User)']);
	});

	test('fail an agent text that does not say what comes back', () => {
		expect(toolTextProblems('Create a user')).toEqual([
			'does not say "Returns …"',
			'has 3 words, fewer than 8',
		]);
	});

	test('fail an action used twice in one node, whatever its case', () => {
		const first = action('Get', 'Get a user', 'get');
		const second = action('Get', 'Get a USER', 'find');
		expect(actionProblems(first, [first, second])).toEqual(['is the same as user find']);
	});
});
