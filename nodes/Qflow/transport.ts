import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { vendorContextOf, type VendorError } from '../shared/errors';
import { collectPages } from '../shared/paging';
import { expectShape } from '../shared/answer';
import { requestBody, type ApiCall, type VendorProfile } from '../shared/transport';
import { QFLOW } from './api';
import { gatewayPath, hostOf } from './auth';

/** A 429 carries no header and opens a 60 s window: the default wait covers it twice over. */
export const QFLOW_DEFAULT_MAX_WAIT_SECONDS = 2 * QFLOW.mitigationWindowSeconds;
/**
 * Lookups in flight at once by default, the most the field allows: the documented 1000 a minute per
 * IP, which the transport keeps, is then what bounds a run, not the node (npm run bench: 1000
 * lookups at +50 ms per answer take as long as the HTTP Request node sending all at once).
 */
export const QFLOW_CONCURRENT_READS = 50;

const errorBody = z
	.object({
		[QFLOW.error.codeField]: z.string().optional(),
		[QFLOW.error.messageField]: z.string().optional(),
		// OAuth-style bodies (identity server) say it as error / error_description.
		error: z.string().optional(),
		error_description: z.string().optional(),
	})
	.passthrough();

export const TRUST_HINT =
	'Trust means the account this credential signs in as has completed Qflow’s identity verification (KYC). ' +
	'Sign in to the Qflow dashboard as that account and complete identity verification there; an enterprise admin can check ' +
	'in the dashboard whether the account is verified. A token issued before verification may still count as untrusted ' +
	'until it expires (up to an hour). Or use a credential of an account that is already verified.';

const CODE_HINTS: Record<string, string> = {
	[QFLOW.trustRequiredCode]: TRUST_HINT,
	[QFLOW.commsNotEnabledCode]:
		'The Comms API is on an allow-list: ask Qflow support (support@qflowhub.io) to enable Comms for the account this credential signs in as.',
	[QFLOW.previousSendFailedCode]:
		'The last email of this template to this guest bounced, was dropped, reported as spam or unsubscribed: sending again would fail the same way. Correct the guest’s email address first.',
	[QFLOW.guestPlanCapCode]:
		'The account’s plan caps the guests added via the API each month (Free 75, Starter 1,500, Pro 35,000). Upgrade the account in Qflow to lift it.',
	[QFLOW.checkInRefusals.alreadyAdmitted]:
		'The guest is already checked in; nothing was changed. Check the Admitted time with Guest Get Many.',
	[QFLOW.checkInRefusals.blocked]: 'The guest is blocked. Unblock them first if they may come in.',
	[QFLOW.domainCodes.alreadyConfigured]:
		'The account already has a sending domain (one per account). Use Sending Domain Get to see it, or Sending Domain Delete first to set up another.',
	[QFLOW.domainCodes.notVerified]:
		'The domain has never passed verification: publish the three CNAME records (Sending Domain Get lists them) at your DNS registrar, wait for them to propagate, then run Sending Domain Verify, which turns the domain on when they pass.',
	[QFLOW.domainCodes.sendgridCreateFailed]:
		'SendGrid refused to set up this domain for the reason in the message. Check the name (a domain or subdomain you control, such as mail.example.com) and run the item again.',
	spam_check_failed: 'Qflow flagged a URL in the template HTML as unsafe: remove or replace it.',
	rate_limit: `Qflow allows about 1000 requests a minute per IP and then blocks for ${QFLOW.mitigationWindowSeconds} s. Raise Max Wait under Request Options, or pace the workflow with Loop Over Items and a Wait node.`,
};

const STATUS_HINTS: Record<number, string> = {
	400: 'Correct the value the message names, then run the item again.',
	401: 'Qflow refused the token or the key, even after signing in again. Check the APIM Subscription Key (or the Client Key, as Key Type says) and the API Host in the Qflow credential.',
	403: 'The account this credential signs in as may not do this in its enterprise. Check its role in the Qflow dashboard, or use an enterprise admin’s credential.',
	404: 'Check the user ID or email, or the event, guest, template, team member or profile ID: it may have been deleted, or belong to another enterprise or account (Qflow answers 404 for both). Sending Domain operations answer 404 while the account has no sending domain: create one first.',
	409: 'Another user already has this email or username, or another team member this username. Use Create or Update to change the existing user instead.',
	503: 'Qflow is temporarily unavailable. Run the workflow again later, or raise Max Wait under Request Options.',
};

export const qflowProfile: VendorProfile = {
	displayName: 'Qflow',
	credentialType: 'qflowApi',
	secretFields: [
		'clientSecret',
		'password',
		'subscriptionApiKey',
		'clientApiKey',
		'accessToken',
		'ssoSecretKey',
	],
	// Users API paths are below its prefix; the check-in and Comms paths come with their own prefix
	// (helpers/checkin.ts): three surfaces on one host, one token and key. A client-key host serves
	// them without the surface segment (gatewayPath).
	url: (credentials, path) =>
		`${hostOf(credentials.apiHost, QFLOW.defaultApiHost)}${gatewayPath(credentials, path.startsWith('/') ? path : `${QFLOW.apiPrefix}${path}`)}`,
	// The credential signs in through preAuthentication: n8n renews the token on a thrown 401.
	renewsTokenOn401: true,
	defaultMaxWaitSeconds: QFLOW_DEFAULT_MAX_WAIT_SECONDS,
	// No rate-limit headers are documented: the node stays under the documented limit itself, and a
	// 429 without Retry-After waits the mitigation window.
	documentedLimit: QFLOW.rateLimit,
	// Counted at Qflow's edge per source IP: every Qflow credential of this n8n shares it.
	limitsPerSourceIp: true,
	refusalWindowMs: QFLOW.mitigationWindowSeconds * 1000,
	// A bare 404 is Qflow's own "not found (or not yours)", so its hint applies.
	bareErrorStatuses: QFLOW.bareErrorStatuses,
	parseError(body, headers): VendorError {
		const parsed = errorBody.safeParse(typeof body === 'string' ? safeJson(body) : body);
		const fields = parsed.success ? parsed.data : {};
		const requestId = headers[QFLOW.requestIdHeader];
		return {
			code: (fields[QFLOW.error.codeField] as string | undefined) ?? fields.error,
			message: (fields[QFLOW.error.messageField] as string | undefined) ?? fields.error_description,
			requestId: requestId === undefined ? undefined : String(requestId),
		};
	},
	// A wrong client secret or password stays wrong for the rest of the run.
	signInRefused: (_status, error) =>
		error.signIn === true &&
		error.code !== undefined &&
		QFLOW.finalSignInCodes.includes(error.code),
	hint(status, error) {
		// A sign-in failure's message already names the credential field to fix.
		if (error.signIn) return undefined;
		return (error.code !== undefined && CODE_HINTS[error.code]) || STATUS_HINTS[status];
	},
};

/** A JSON body that arrived as text; anything else is not the API's JSON and carries no fields. */
function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return {};
	}
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export async function qflowRequest<T = unknown>(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<T> {
	return (await requestBody.call(this, qflowProfile, call, itemIndex)) as T;
}

/** A user as Qflow returns it: `id` is the one documented required field, the rest are strings. */
export const userShape = z.object({ id: z.string().min(1) }).passthrough();

export async function qflowUser(this: Context, call: ApiCall, itemIndex = 0): Promise<IDataObject> {
	const body = await qflowRequest.call(this, call, itemIndex);
	return expectShape(
		this,
		userShape,
		body,
		`${call.method} ${call.path}`,
		itemIndex,
	) as IDataObject;
}

const userPage = z.array(z.record(z.unknown()));

/** One page of users (1-based page number). */
export async function qflowUserPage(
	this: Context,
	page: number,
	pageSize: number,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const body = await qflowRequest.call(
		this,
		{
			method: 'GET',
			path: QFLOW.paths.users,
			qs: { [QFLOW.paging.pageParam]: page, [QFLOW.paging.sizeParam]: pageSize },
		},
		itemIndex,
	);
	return expectShape(this, userPage, body, `GET ${QFLOW.paths.users}`, itemIndex) as IDataObject[];
}

/** Users, paged as api.ts says, up to `limit` (undefined: all). */
export async function qflowUsers(
	this: Context,
	limit: number | undefined,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await collectPages(
		async ({ page, pageSize }) => ({
			items: await qflowUserPage.call(this, page, pageSize, itemIndex),
		}),
		{ maxPageSize: QFLOW.paging.maxPageSize },
		limit,
	);
}

/** Whether an error thrown by the transport is the API's 404. */
export function isNotFound(error: unknown): boolean {
	return vendorContextOf(error)?.httpCode === '404';
}
