// Screen sharing is not everywhere: phones' browsers have no getDisplayMedia, and a share can be
// refused by the browser or the system, or cancelled in the picker. The page offers the button
// only where it can work and says why a share did not start, instead of only logging it.

/** This browser can share a screen at all (no phone browser can). */
export function screenShareSupported(): boolean {
	return typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function';
}

/**
 * What to tell the presenter after a share failed to start (an i18n key), or null for a cancel:
 * closing the picker is the person's own choice. Chromium says "Permission denied" for that and
 * "Permission denied by system" when the operating system forbids capturing the screen.
 */
export function shareFailureKey(error: unknown): string | null {
	const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
	if (name === 'NotAllowedError' || name === 'PermissionDeniedError')
		return /system/i.test(message) ? 'meeting.video.shareRefused' : null;
	if (name === 'DeviceUnsupportedError') return 'meeting.video.shareUnsupported';
	return 'meeting.video.shareFailed';
}
