// Messages, one file per area and language. Each area file has one top-level key, its area's
// name, so files never collide; add an area by importing both its files below.
import enCore from './en/core.json';
import viCore from './vi/core.json';
import enDossier from './en/dossier.json';
import viDossier from './vi/dossier.json';
import enCouncil from './en/council.json';
import viCouncil from './vi/council.json';
import enScoring from './en/scoring.json';
import viScoring from './vi/scoring.json';
import enResults from './en/results.json';
import viResults from './vi/results.json';
import enMeeting from './en/meeting.json';
import viMeeting from './vi/meeting.json';
import enNotifications from './en/notifications.json';
import viNotifications from './vi/notifications.json';
import enTemplates from './en/templates.json';
import viTemplates from './vi/templates.json';
import enCertificates from './en/certificates.json';
import viCertificates from './vi/certificates.json';
import enMinistry from './en/ministry.json';
import viMinistry from './vi/ministry.json';

export const vi = {
	...viCore,
	...viDossier,
	...viCouncil,
	...viScoring,
	...viResults,
	...viMeeting,
	...viNotifications,
	...viTemplates,
	...viCertificates,
	...viMinistry
};
export const en = {
	...enCore,
	...enDossier,
	...enCouncil,
	...enScoring,
	...enResults,
	...enMeeting,
	...enNotifications,
	...enTemplates,
	...enCertificates,
	...enMinistry
};
