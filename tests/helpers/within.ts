/**
 * Waits for something the server must do (a close, an event): fails saying what never came,
 * rather than with the test's timeout.
 */
export function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`never came: ${what}`)), ms);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
