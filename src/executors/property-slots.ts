/**
 * What a property is, to tell whether it changed: its value (by identity), its accessors and its flags
 * (writable, enumerable, configurable), read off its descriptor.
 */
export type Slot = {value: unknown; get: unknown; set: unknown; flags: number};

/** Every own property of `target` (symbols too), in the order Reflect.ownKeys gives them. */
export function slotsOf(target: object): Map<PropertyKey, Slot> {
	const slots = new Map<PropertyKey, Slot>();
	for (const key of Reflect.ownKeys(target)) {
		const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
		if (descriptor) {
			slots.set(key, slotOf(descriptor));
		}
	}

	return slots;
}

function slotOf(descriptor: PropertyDescriptor): Slot {
	return {value: descriptor.value, get: descriptor.get, set: descriptor.set, flags: flagsOf(descriptor)};
}

export function flagsOf(descriptor: PropertyDescriptor): number {
	return (descriptor.writable ? 1 : 0) | (descriptor.enumerable ? 2 : 0) | (descriptor.configurable ? 4 : 0);
}

export function sameSlot(a: Slot, b: Slot): boolean {
	// Object.is: NaN stays NaN (Number.NaN), and +0/-0 differ as they do for a program.
	return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.flags === b.flags;
}
