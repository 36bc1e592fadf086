// One language's messages, one file per area (see index.ts). The browser loads only the
// reader's language (and Vietnamese, the fallback, for an English reader): routes/+layout.ts.
import enCore from './en/core.json';
import enDossier from './en/dossier.json';
import enCouncil from './en/council.json';
import enScoring from './en/scoring.json';
import enResults from './en/results.json';
import enMeeting from './en/meeting.json';
import enNotifications from './en/notifications.json';
import enTemplates from './en/templates.json';
import enCertificates from './en/certificates.json';
import enMinistry from './en/ministry.json';
import enAudit from './en/audit.json';

export default {
	...enCore,
	...enDossier,
	...enCouncil,
	...enScoring,
	...enResults,
	...enMeeting,
	...enNotifications,
	...enTemplates,
	...enCertificates,
	...enMinistry,
	...enAudit
};
