// The signature block comes from the province's template; only the head signing in person
// changes it (no "KT." when the chair signs, Nghị định 30/2020).
import { describe, expect, it } from 'vitest';
import { signerBlock } from '../../src/lib/server/documents/signer-block';

const deputy = {
	authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
	title: 'PHÓ CHỦ TỊCH',
	name: ''
};

describe('signer block', () => {
	it('keeps the template’s lines and title, with the recorded name', () => {
		expect(signerBlock(deputy, { name: 'Trần Văn Phước', title: 'Phó Chủ tịch' })).toEqual({
			authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
			title: 'PHÓ CHỦ TỊCH',
			name: 'Trần Văn Phước'
		});
		// A deputy recorded with the body's name after the title is still a deputy.
		expect(signerBlock(deputy, { title: 'Phó Chủ tịch UBND thành phố' }).authority).toContain(
			'KT. CHỦ TỊCH'
		);
	});

	it('drops "KT." when the head signs, however the title is written', () => {
		for (const title of ['Chủ tịch', 'CHỦ TỊCH', '  chủ tịch ', 'Chủ tịch UBND thành phố'])
			expect(signerBlock(deputy, { name: 'Lê Trung Chinh', title })).toEqual({
				authority: ['TM. ỦY BAN NHÂN DÂN'],
				title: 'CHỦ TỊCH',
				name: 'Lê Trung Chinh'
			});
		// Only the head named in the "KT." line counts: a chair is not the director of the Sở.
		const office = { authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC', name: '' };
		expect(signerBlock(office, { title: 'Chủ tịch' }).authority).toEqual(['KT. GIÁM ĐỐC']);
		expect(signerBlock(office, { title: 'Giám đốc' })).toEqual({
			authority: [],
			title: 'GIÁM ĐỐC',
			name: ''
		});
	});

	it('uses the template’s name only when none was recorded, and never shares its lines', () => {
		const named = { authority: ['TM. HỘI ĐỒNG'], title: 'CHỦ TỊCH', name: 'Võ Văn Hưng' };
		expect(signerBlock(named).name).toBe('Võ Văn Hưng');
		expect(signerBlock(named, { name: '  ' }).name).toBe('Võ Văn Hưng');
		expect(signerBlock(named, { name: 'Lê Văn A' }).name).toBe('Lê Văn A');
		// No "KT." line: a recorded title never changes a template without one.
		expect(signerBlock(named, { title: 'Chủ tịch' }).authority).toEqual(['TM. HỘI ĐỒNG']);
		signerBlock(named).authority.push('X');
		expect(named.authority).toEqual(['TM. HỘI ĐỒNG']);
	});
});
