// One language's messages, one file per area (see index.ts). The browser loads only the
// reader's language (and Vietnamese, the fallback, for an English reader): routes/+layout.ts.
import viCore from './vi/core.json';
import viDossier from './vi/dossier.json';
import viCouncil from './vi/council.json';
import viScoring from './vi/scoring.json';
import viResults from './vi/results.json';
import viMeeting from './vi/meeting.json';
import viNotifications from './vi/notifications.json';
import viTemplates from './vi/templates.json';
import viCertificates from './vi/certificates.json';
import viMinistry from './vi/ministry.json';
import viAudit from './vi/audit.json';

export default {
	...viCore,
	...viDossier,
	...viCouncil,
	...viScoring,
	...viResults,
	...viMeeting,
	...viNotifications,
	...viTemplates,
	...viCertificates,
	...viMinistry,
	...viAudit
};
