/**
 * Vietnamese text folded for search: no tone or vowel marks, đ as d, lower case. People type
 * "ca phe" for "Cà phê" on a phone without a Vietnamese keyboard, and officials paste either.
 */
export function foldVietnamese(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase();
}
