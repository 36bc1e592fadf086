// The registry's SvelteKit half: every page, form action and endpoint, and what each role gets.
// Forms are valid for the roles allowed (they succeed), so a denial of the same form is the
// gate's, not validation's. The one exception says so: the password change is sent with a wrong
// current password (a real change would end the role's sessions); only the gate stands before
// that check, and it refuses before the form is read.
import { templateValues } from '../../../src/lib/server/documents/template-form';
import { DEMO_TEMPLATE } from '../../../src/lib/server/seed/demo-template';
import { localDate } from '../../../src/lib/domain/working-days';
import { F, LEAF } from './ids';
import {
	ADMIN,
	all,
	byState,
	LOGGED_IN,
	MEMBER_ACCOUNTS,
	OFFICE,
	only,
	PRODUCERS,
	type Expectation,
	type Outcome,
	type Role
} from './outcomes';
import type { HttpCase, Registry } from './registry-types';

const h = (expect: Expectation, more: Omit<HttpCase, 'kind' | 'expect'> = {}): HttpCase => ({
	kind: 'http',
	expect,
	...more
});

const HOME: Record<Exclude<Role, 'anonymous'>, Outcome> = {
	admin: 'redirect:/admin',
	office: 'redirect:/office',
	secretary: 'redirect:/office',
	chair: 'redirect:/member',
	member: 'redirect:/member',
	recused: 'redirect:/member',
	otherCouncil: 'redirect:/member',
	producer: 'redirect:/producer',
	otherProducer: 'redirect:/producer',
	commune: 'redirect:/commune'
};

/** Readers of the item's dossier (dossiers/access.ts); the recused member still reads it. */
const DOSSIER_READERS: Role[] = [...OFFICE, 'chair', 'member', 'recused', 'producer', 'commune'];
/** The office and every member of the council: its documents from the moment a result locks. */
const COUNCIL_INSIDERS: Role[] = [...OFFICE, 'chair', 'member', 'recused'];
const notFoundElsewhere = (allowed: Role[], anon: Outcome = 'login') =>
	only(allowed, { denied: 'not-found', anon });

/**
 * A page of one agenda item for some council seats: a refused person of the sittings area gets
 * the 404 of a missing item (not-found.ts); accounts outside the area, the hook's 403.
 */
const seatOnly = (allowed: Role[]): Expectation => ({
	...notFoundElsewhere(allowed),
	admin: 'forbidden',
	commune: 'forbidden'
});

/** The producer's workbench: the owner acts, the other producer gets 404, the rest 403. */
const owner = (ok: Outcome = 'ok'): Expectation => ({
	...only(['producer'], { ok }),
	otherProducer: 'not-found'
});

const council = {
	level: 'province',
	name: 'Hội đồng A',
	authority: 'UBND thành phố',
	place: 'Đà Nẵng',
	quorum: '1/2',
	maxSpread: '10',
	blindScoring: 'on'
};
const review = {
	rawMaterial: 'Nguyên liệu địa phương',
	labour: 'Lao động địa phương',
	ideaOrigin: 'Ý tưởng của hợp tác xã',
	identity: 'Đặc trưng vùng',
	proposal: 'Đề nghị chuyển tỉnh',
	decision: 'forward'
};

export const ROUTES: Registry = {
	'page /': h(all('ok')),
	'page /account/password': h(only(LOGGED_IN)),
	'action /account/password ?/default': h(only(LOGGED_IN, { ok: 'invalid' }), {
		// A wrong current password is counted, as at sign-in (the change is throttled).
		counts: ['login_attempts'],
		form: {
			current: 'khong-phai-mat-khau',
			password: 'mat-khau-moi-2026',
			confirm: 'mat-khau-moi-2026'
		}
	}),
	'page /admin': h(only(ADMIN)),
	'page /admin/users': h(only(ADMIN)),
	'action /admin/users ?/create': h(only(ADMIN), {
		form: { email: 'tai-khoan-moi@t.vn', name: 'Tài khoản mới', role: 'member', mode: 'invite' }
	}),
	'action /admin/users ?/invite': h(only(ADMIN), { form: { id: 'u-spare' } }),
	'action /admin/users ?/status': h(only(ADMIN), { form: { id: 'u-spare', disabled: '1' } }),
	'page /commune': h(only(['commune'])),
	'page /notifications': h(only(LOGGED_IN)),
	// A notification id nobody holds: for the allowed it is the form's refusal (400), never 200.
	'action /notifications ?/read': h(only(LOGGED_IN, { ok: 'invalid' }), {
		form: { id: '987654' }
	}),
	'action /notifications ?/readAll': h(only(LOGGED_IN, { ok: 'redirect:/notifications' })),
	'page /commune/dossiers/[id]': h(only(['commune']), { params: { id: F.submitted } }),
	'action /commune/dossiers/[id] ?/default': [
		h(only(['commune']), { params: { id: F.submitted }, form: review }),
		// A draft is not the commune's yet: the answer for a missing dossier (not-found.ts).
		h(only(['commune'], { ok: 'not-found' }), {
			label: 'draft',
			params: { id: F.draft },
			form: review
		})
	],
	'endpoint GET /documents/minutes/[sittingId]': [
		h(notFoundElsewhere(COUNCIL_INSIDERS), { label: 'held', params: { sittingId: 's-locked' } }),
		// Under way (the chair has not ended it): no minutes yet, for anyone.
		h(only(COUNCIL_INSIDERS, { ok: 'not-found', denied: 'not-found', anon: 'login' }), {
			label: 'under way',
			params: { sittingId: F.sitting }
		})
	],
	'endpoint GET /documents/report/[seq]': [
		h(all('ok'), { label: 'published', params: { seq: F.seqPublished } }),
		h(notFoundElsewhere(COUNCIL_INSIDERS, 'not-found'), {
			label: 'locked, not published',
			params: { seq: F.seqLocked }
		})
	],
	// The notice: the office's from the lock; a producer reads only its own product's, and the
	// fixture's results are other organisations' (the owner's reading: documents-notice.test.ts).
	'endpoint GET /documents/notice/[seq]': [
		h(notFoundElsewhere(OFFICE), { label: 'published', params: { seq: F.seqPublished } }),
		h(notFoundElsewhere(OFFICE), { label: 'locked, not published', params: { seq: F.seqLocked } })
	],
	// Mẫu 01/02/03 as filed: the owner, the office, the council of the sitting; not the commune.
	'endpoint GET /documents/forms/[dossierId]/[form]': h(
		notFoundElsewhere([...OFFICE, 'chair', 'member', 'recused', 'producer']),
		{ params: { dossierId: F.dossier, form: '01' } }
	),
	'endpoint GET /documents/sheet/[seq]/[member]': h(notFoundElsewhere(COUNCIL_INSIDERS), {
		params: { seq: F.seqLocked, member: 'u-m1' }
	}),
	'page /dossiers/[id]': [
		h(notFoundElsewhere(DOSSIER_READERS), { label: "the item's", params: { id: F.dossier } }),
		h(notFoundElsewhere(['otherProducer']), {
			label: "another producer's draft",
			params: { id: F.dossierB }
		})
	],
	'endpoint GET /files/[id]': h(notFoundElsewhere(DOSSIER_READERS), { params: { id: F.file } }),
	// Nobody but its producer reads a draft: everyone else gets the 404 of a missing dossier.
	'endpoint POST /files/upload': h(notFoundElsewhere(['producer']), {
		form: { dossierId: F.draft, kind: 'evidence', leafCode: LEAF },
		withFile: true
	}),
	'page /home': h({ ...HOME, anonymous: 'login' }),
	'page /invite/[token]': h(all('ok'), { params: { token: F.inviteToken } }),
	'action /invite/[token] ?/default': h(all('redirect:/login'), {
		params: { token: F.inviteToken },
		form: { password: 'mat-khau-cua-khach-2026', confirm: 'mat-khau-cua-khach-2026' }
	}),
	'endpoint POST /lang': h(all('redirect:/results'), { form: { lang: 'en', next: '/results' } }),
	'page /login': h({ ...HOME, anonymous: 'ok' }),
	'action /login ?/default': h(all('redirect:/member'), {
		form: { email: F.loginEmail, password: F.loginPassword }
	}),
	'page /logout': h(all('redirect:/')),
	'action /logout ?/default': h(all('redirect:/')),
	'page /member': h(only(MEMBER_ACCOUNTS)),
	'action /member ?/conflict': h(
		{
			...only(['chair', 'member', 'recused'], {
				ok: byState({ closed: 'invalid', deferred: 'invalid' }, 'ok')
			}),
			otherCouncil: 'forbidden'
		},
		{ form: { itemId: F.item, reason: 'Quen biết cơ sở' } }
	),
	'page /office': h(only(OFFICE)),
	'page /office/audit': h(only(OFFICE)),
	'page /office/mail': h(only(OFFICE)),
	// No mail has failed in the fixture: the office gets past every gate to "nothing to retry".
	'action /office/mail ?/retry': h(only(OFFICE, { ok: 'invalid' }), { form: { id: '1' } }),
	'action /office/mail ?/retryAll': h(only(OFFICE, { ok: 'invalid' })),
	'page /office/councils': h(only(OFFICE)),
	'action /office/councils ?/create': h(only(OFFICE, { ok: 'redirect:/office/councils/*' }), {
		form: council
	}),
	'page /office/councils/[id]': h(only(OFFICE), { params: { id: F.council } }),
	'action /office/councils/[id] ?/settings': h(only(OFFICE), {
		params: { id: F.council },
		form: { ...council, name: 'Hội đồng A (sửa)' }
	}),
	'action /office/councils/[id] ?/addMember': h(only(OFFICE), {
		params: { id: F.council },
		form: { email: F.spareEmail, role: 'member', voting: 'on', title: 'Ủy viên' }
	}),
	'action /office/councils/[id] ?/updateMember': h(only(OFFICE), {
		params: { id: F.council },
		form: { userId: 'u-m2', role: 'member', title: 'Ủy viên' }
	}),
	'action /office/councils/[id] ?/removeMember': h(only(OFFICE), {
		params: { id: F.council },
		form: { userId: 'u-m3' }
	}),
	'action /office/councils/[id] ?/addRound': h(only(OFFICE), {
		params: { id: F.council },
		form: { year: '2026', number: '3', name: 'Đợt 3', cutoffDate: '2026-12-20' }
	}),
	'action /office/councils/[id] ?/addSitting': h(only(OFFICE), {
		params: { id: F.council },
		form: { roundId: F.round, title: 'Phiên mới', date: '2030-12-02', time: '08:00' }
	}),
	// The fixture is a province deployment whose locked result is a 5★ candidate: the office
	// downloads its package; the central functions refuse the office too (the form, 400, on the
	// page; the endpoint, 403).
	'page /office/ministry': h(only(OFFICE)),
	'action /office/ministry ?/answer': h(only(OFFICE, { ok: 'invalid' }), { form: {} }),
	'action /office/ministry ?/receive': h(only(OFFICE, { ok: 'invalid' }), { form: {} }),
	'endpoint POST /office/ministry/package': h(only(OFFICE), {
		form: { seq: String(F.seqLocked), signer: 'Ông Lê Văn A', signerTitle: 'Phó Chủ tịch' }
	}),
	'endpoint POST /office/ministry/answer': h(only(OFFICE, { ok: 'forbidden' }), {
		form: { seq: String(F.seqLocked) }
	}),
	'page /office/decisions': h(only(OFFICE)),
	'page /office/templates': h(only(OFFICE)),
	'action /office/templates ?/save': h(only(OFFICE), { form: templateValues(DEMO_TEMPLATE) }),
	// Certificate life: no decision or certificate is known to the fixture, so the office reaches
	// each surface and is told the thing is missing; everyone else is stopped at the gate.
	'page /office/decisions/[id]': h(only(OFFICE, { ok: 'not-found' }), {
		params: { id: 'no-such-decision' }
	}),
	'action /office/decisions/[id] ?/revoke': h(only(OFFICE, { ok: 'not-found' }), {
		params: { id: 'no-such-decision' },
		form: {
			seq: String(F.seqPublished),
			ground: 'Kết quả kiểm nghiệm không đạt',
			decidedOn: '2026-11-20',
			signer: 'Ông Lê Văn A',
			signerTitle: 'Chủ tịch'
		}
	}),
	'action /office/decisions/[id] ?/complaint': h(only(OFFICE, { ok: 'not-found' }), {
		params: { id: 'no-such-decision' },
		form: { complainant: 'Bà Trần Thị B', receivedOn: '2026-11-20', content: 'Khiếu nại' }
	}),
	'action /office/decisions/[id] ?/complaintUpdate': h(only(OFFICE, { ok: 'not-found' }), {
		params: { id: 'no-such-decision' },
		form: { complaintId: 'no-such-complaint', status: 'handling', resolution: '' }
	}),
	'page /office/councils/[id]/written': h(only(OFFICE), { params: { id: F.council } }),
	// No dossier chosen: for the office it is the form's refusal (400), never a new round.
	'action /office/councils/[id]/written ?/default': h(only(OFFICE, { ok: 'invalid' }), {
		params: { id: F.council },
		form: { title: 'Lấy ý kiến', roundId: F.round, opensOn: '2030-01-01', closesOn: '2030-01-05' }
	}),
	'page /producer/renew': h(only(PRODUCERS)),
	'action /producer/renew ?/default': h(only(PRODUCERS, { ok: 'not-found' }), {
		form: { seq: '987654', sampleCount: '1' }
	}),
	// No decision id is known to the fixture: the office reaches the route and finds none.
	'endpoint GET /office/decisions/[id]/decision.pdf': h(only(OFFICE, { ok: 'not-found' }), {
		params: { id: 'no-such-decision' }
	}),
	'action /office/decisions ?/record': h(only(OFFICE), {
		form: {
			number: '99/QĐ-UBND',
			// Today in Việt Nam: a decision may not predate its result's locking, nor be in the future.
			decidedOn: localDate(Date.now()),
			signer: 'Ông Lê Văn A',
			signerTitle: 'Chủ tịch',
			seq: String(F.seqLocked),
			[`cert-${F.seqLocked}`]: 'GCN-99'
		}
	}),
	'page /office/dossiers': h(only(OFFICE)),
	'page /office/dossiers/[id]': h(only(OFFICE), { params: { id: F.dossier } }),
	'action /office/dossiers/[id] ?/request': [
		h(only(OFFICE), {
			params: { id: F.forwarded },
			form: { message: 'Đề nghị bổ sung phiếu kiểm nghiệm' }
		}),
		// The office may not read a producer's draft: neither its existence nor its state is told
		// (authz-refusal-parity.test.ts asks this as an enhanced form too, for the action's own JSON).
		h(only(OFFICE, { ok: 'not-found' }), {
			label: 'draft',
			params: { id: F.draft },
			form: { message: 'Đề nghị bổ sung phiếu kiểm nghiệm' }
		})
	],
	'action /office/dossiers/[id] ?/ready': [
		h(only(OFFICE), { params: { id: F.forwarded } }),
		// Nor which of the files the council needs it lacks.
		h(only(OFFICE, { ok: 'not-found' }), { label: 'draft', params: { id: F.draft } })
	],
	'page /office/statistics': h(only(OFFICE)),
	'endpoint GET /office/statistics/export.csv': h(only(OFFICE)),
	'endpoint GET /office/statistics/export.xlsx': h(only(OFFICE)),
	'page /office/results': h(only(OFFICE)),
	'action /office/results ?/publish': h(only(OFFICE), {
		form: { seq: String(F.seqLocked), confirmed: '1' }
	}),
	'page /office/results/[seq]': h(only(OFFICE), { params: { seq: F.seqLocked } }),
	'endpoint GET /office/results/[seq]/bundle.json': h(only(OFFICE), {
		params: { seq: F.seqLocked }
	}),
	'endpoint GET /office/results/chain.json': h(only(OFFICE)),
	'endpoint GET /office/results/export.csv': h(only(OFFICE)),
	'endpoint GET /office/results/export.xlsx': h(only(OFFICE)),
	'action /office/sittings/[id] ?/add': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { dossierId: F.ready, slotMinutes: '15' }
	}),
	'action /office/sittings/[id] ?/update': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { itemId: F.draftItem, slotMinutes: '20', presenters: 'u-producer' }
	}),
	'action /office/sittings/[id] ?/move': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { itemId: F.draftItem, dir: 'up' }
	}),
	'action /office/sittings/[id] ?/remove': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { itemId: F.draftItem }
	}),
	// The draft sitting starts now: late, so published only with the reason recorded.
	'action /office/sittings/[id] ?/publish': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { lateReason: 'Phiên họp khẩn' }
	}),
	'action /office/sittings/[id] ?/conflict': h(only(OFFICE), {
		params: { id: F.draftSitting },
		form: { itemId: F.draftItem, userId: 'u-m1', reason: 'Người thân' }
	}),
	'page /office/sittings/[id]': h(only(OFFICE), { params: { id: F.draftSitting } }),
	'page /producer': h(only(PRODUCERS)),
	'action /producer/dossiers/[id] ?/save': h(owner(), {
		params: { id: F.draft },
		form: { [`c:${LEAF}`]: '0' }
	}),
	'action /producer/dossiers/[id] ?/submit': h(owner(), { params: { id: F.draft } }),
	'action /producer/dossiers/[id] ?/version': h(owner('redirect:/producer/dossiers/*'), {
		params: { id: F.returned }
	}),
	'action /producer/dossiers/[id] ?/answer': h(owner(), { params: { id: F.infoRequested } }),
	'action /producer/dossiers/[id] ?/remove': h(owner(), {
		params: { id: F.draft },
		form: { fileId: F.draftFile }
	}),
	'page /producer/dossiers/[id]': [
		h(owner(), { label: 'own', params: { id: F.dossier } }),
		h(
			{ ...only(['otherProducer']), producer: 'not-found' },
			{
				label: "the other's",
				params: { id: F.dossierB }
			}
		)
	],
	'action /producer/products/new ?/default': h(
		only(PRODUCERS, { ok: 'redirect:/producer/dossiers/*' }),
		{ form: { name: 'Sản phẩm mới', kind: 'first', setNo: '7', sampleCount: '1' } }
	),
	'page /producer/products/new': h(only(PRODUCERS)),
	'action /producer/profile ?/default': h(only(PRODUCERS, { ok: 'redirect:/producer' }), {
		form: {
			name: 'HTX mới',
			kind: 'cooperative',
			representative: 'Bà Trần Thị B',
			province: 'Đà Nẵng',
			commune: F.commune
		}
	}),
	'page /producer/profile': h(only(PRODUCERS)),
	'page /results': h(all('ok')),
	// The issuer's public key: published for everyone who checks a bundle.
	'endpoint GET /.well-known/ocop-signing-key.pem': h(all('ok')),
	'page /results/[seq]': [
		h(all('ok'), { label: 'published', params: { seq: F.seqPublished } }),
		h(all('not-found'), { label: 'locked, not published', params: { seq: F.seqLocked } })
	],
	'endpoint GET /results/[seq]/bundle.json': [
		h(all('ok'), { label: 'published', params: { seq: F.seqPublished } }),
		h(all('not-found'), { label: 'locked, not published', params: { seq: F.seqLocked } })
	],
	// A certificate exists only for a recognised product in a recorded decision; the fixture's
	// published result has none, and an unpublished one is not public.
	'endpoint GET /results/[seq]/certificate.pdf': [
		h(all('not-found'), { label: 'published, no certificate', params: { seq: F.seqPublished } }),
		h(all('not-found'), { label: 'locked, not published', params: { seq: F.seqLocked } })
	],
	'endpoint GET /results/[seq]/report.pdf': [
		h(all('ok'), { label: 'published', params: { seq: F.seqPublished } }),
		h(all('not-found'), { label: 'locked, not published', params: { seq: F.seqLocked } })
	],
	'page /sittings/[id]': h(only(['secretary', 'chair', 'member', 'recused', 'producer']), {
		params: { id: F.sitting }
	}),
	'endpoint GET /sittings/[id]/invite.ics': h(
		seatOnly(['secretary', 'chair', 'member', 'recused', 'producer']),
		{ params: { id: F.sitting } }
	),
	'page /sittings/[id]/items/[itemId]/board': h(seatOnly(['chair', 'secretary']), {
		params: { id: F.sitting, itemId: F.item }
	}),
	'page /sittings/[id]/items/[itemId]/score': h(seatOnly(['chair', 'member']), {
		params: { id: F.sitting, itemId: F.item }
	}),
	'action /sittings/[id]/items/[itemId]/score ?/comment': h(seatOnly(['chair', 'member']), {
		params: { id: F.sitting, itemId: F.item },
		form: { comment: 'Nhận xét của thành viên' }
	})
};
