import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../shared/operation';
import type { ApiCall } from '../../shared/transport';
import { commsPath, qflowShaped } from './checkin';

/** The account's sending domain as Qflow answers it (api.ts, `commsPaths.domain`). */
const domainShape = z
	.object({
		id: z.number().int(),
		domain: z.string().min(1),
		verified: z.boolean(),
		enabled: z.boolean(),
		dnsRecords: z.array(
			z
				.object({ type: z.string(), host: z.string(), data: z.string(), valid: z.boolean() })
				.passthrough(),
		),
	})
	.passthrough();

/** One call answered with the account's sending domain. */
export async function qflowDomain(
	this: IExecuteFunctions,
	call: ApiCall,
	itemIndex: number,
): Promise<IDataObject> {
	return (await qflowShaped.call(this, domainShape, call, itemIndex)) as IDataObject;
}

/**
 * Get, Verify, Activate or Deactivate the account's one sending domain: no input, the domain as
 * the answer. Each leaves the domain as one call would (a read, a DNS check, a flag set), so the
 * transport may resend it after a lost answer, POST or not.
 */
export function domainOperation(
	method: IHttpRequestMethods,
	path: string,
	menuEntry: Operation['menuEntry'],
): Operation {
	return {
		menuEntry,
		properties: [],
		execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
			return await qflowDomain.call(
				this,
				{ method, path: commsPath(path), idempotent: true },
				itemIndex,
			);
		}),
	};
}
