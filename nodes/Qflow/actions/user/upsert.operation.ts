import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { emailProperty, personNameProperties } from '../../../shared/fields';
import {
	concurrentReads,
	eachGroup,
	forEachIndex,
	type Operation,
} from '../../../shared/operation';
import { QFLOW } from '../../api';
import { newUserAdditionalFields, passwordRules } from '../../fields';
import { isNotFound, QFLOW_CONCURRENT_READS, qflowUser } from '../../transport';
import { postUser, putUser, readNewUser, type NewUser } from '../../helpers/userWrite';

export const upsertUser: Operation = {
	menuEntry: {
		name: 'Create or Update',
		action: 'Create or update a user',
		description: 'Create a new user, or update the one who already has this email',
		toolDescription:
			'Create a Qflow user, or update the one who already has the email. Returns the user and created: true or false. Fails when Qflow refuses a field, e.g. a password that breaks its rules.',
	},
	properties: [
		emailProperty(
			'Used to find the user. No user with it: a new one is created. Found: that user is updated.',
		),
		...personNameProperties,
		newUserAdditionalFields(
			`Initial password (${passwordRules}), used only when the user is created. An existing user’s password is left alone: use Change Password for it.`,
		),
	],
	// One batch of every item: the lookups (reads) overlap; the writes then go one by one in input
	// order, so two items with one email never both create: the second updates the user the first
	// created.
	execute: eachGroup<NewUser>({
		batchSize: () => Infinity,
		entryOf(itemIndex) {
			return readNewUser(this, itemIndex);
		},
		async send(batch, report) {
			const lookups: Array<{ existing?: IDataObject } | { failure: unknown }> = new Array(
				batch.length,
			);
			const reads = concurrentReads(QFLOW_CONCURRENT_READS)(this);
			await forEachIndex(batch.length, reads, async (position) => {
				const { itemIndex, entry } = batch[position];
				try {
					lookups[position] = { existing: await findByEmail(this, entry.email, itemIndex) };
				} catch (failure) {
					lookups[position] = { failure };
				}
			});
			const written = new Map<string, IDataObject>();
			for (const [position, { itemIndex, entry: user }] of batch.entries()) {
				const lookup = lookups[position];
				try {
					if ('failure' in lookup) throw lookup.failure;
					const key = user.email.toLowerCase();
					const existing = written.get(key) ?? lookup.existing;
					const result =
						existing === undefined
							? { ...(await postUser(this, user, itemIndex)), created: true }
							: // An existing user's password is left alone: putUser sends only the user fields.
								{
									...(await putUser(this, String(existing.id), user, itemIndex, existing)),
									created: false,
								};
					written.set(key, result);
					report.succeeded(itemIndex, result);
				} catch (error) {
					report.failed(itemIndex, error);
				}
			}
		},
	}),
};

/** The user who has this email, or undefined: only "no such user" (404) is an answer here. */
async function findByEmail(
	context: IExecuteFunctions,
	email: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	let lookupFailure: unknown;
	try {
		return await qflowUser.call(
			context,
			{ method: 'GET', path: QFLOW.paths.userByEmail, qs: { [QFLOW.emailParam]: email } },
			itemIndex,
		);
	} catch (error) {
		lookupFailure = error;
	}
	// The transport's errors are NodeApiErrors already.
	if (!isNotFound(lookupFailure)) throw lookupFailure;
	return undefined;
}
