'use strict';
/**
 * The Qflow Profiles API (v1/profiles/), on `/profiles/v1` without the `/api/` segment: a profile is
 * a named bundle of restriction codes and feature settings, assigned to team members per event.
 * Documented: the create body (`name`, `restrictions` as strings, a value inside its code as in
 * "restrict_signout 4821", `settings` keyed by feature as `{ value, locked }`) and the assign body
 * (`profileId`, `eventId`, `teamMemberIds`). [assumed] (nodes/Qflow/api.ts, profileAnswers): create
 * answers the stored profile with a GUID `id`; assign answers `{ profileId, eventId, teamMemberIds }`,
 * and assigning again leaves one assignment per team member and event (the last profile wins).
 * Sandbox choices: any code of the form `word` or `word value` is taken (the catalogue is not
 * shown), `restrict_signout` must carry its PIN, a setting's `locked` is a boolean.
 */
const crypto = require('node:crypto');
const { vendorFacts } = require('../lib');
const { requireGuid, requireObject, requireText, validation, notFound } = require('./checkin');

const { QFLOW } = vendorFacts('Qflow');
const CODE = /^[A-Za-z]\w*( \S+)?$/;

function createProfiles({ state, now, getEvent, getTeamMember }) {
	const stamp = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

	function restrictionsOf(value) {
		if (value === undefined) return [];
		if (!Array.isArray(value)) throw validation('restrictions must be an array of strings');
		return value.map((code, index) => {
			if (typeof code !== 'string' || !CODE.test(code))
				throw validation(`restrictions[${index}] '${code}' is not a restriction code`);
			const [name, pin] = code.split(' ');
			if (name === QFLOW.profileRestrictions.signOutCode && pin === undefined)
				throw validation(`restrictions[${index}] ${name} needs its PIN after a space`);
			return code;
		});
	}

	function settingsOf(value) {
		if (value === undefined) return {};
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			throw validation('settings must be an object keyed by feature name');
		for (const [feature, setting] of Object.entries(value)) {
			if (typeof setting !== 'object' || setting === null || !('value' in setting))
				throw validation(`settings.${feature} must be { value, locked }`);
			if (typeof setting.locked !== 'boolean')
				throw validation(`settings.${feature}.locked must be a boolean`);
		}
		return value;
	}

	function createProfile({ body }) {
		requireObject(body);
		const profile = {
			id: crypto.randomUUID(),
			name: requireText(body, 'name'),
			restrictions: restrictionsOf(body.restrictions),
			settings: settingsOf(body.settings),
			created: stamp(),
		};
		state.profiles.set(profile.id, profile);
		return { status: 200, body: profile };
	}

	function assignProfile({ body }) {
		requireObject(body);
		const profileId = requireGuid(body.profileId, 'profileId');
		if (!state.profiles.has(profileId)) throw notFound(`Profile ${profileId} not found`);
		const event = getEvent(requireGuid(body.eventId, 'eventId'));
		const ids = body.teamMemberIds;
		if (!Array.isArray(ids) || ids.length === 0)
			throw validation('teamMemberIds must be a non-empty array');
		const members = ids.map((id, index) =>
			getTeamMember(requireGuid(id, `teamMemberIds[${index}]`)),
		);
		for (const member of members)
			state.profileAssignments.set(`${event.id}|${member.id}`, profileId);
		return {
			status: 200,
			body: { profileId, eventId: event.id, teamMemberIds: members.map((member) => member.id) },
		};
	}

	return { createProfile, assignProfile };
}

module.exports = { createProfiles };
