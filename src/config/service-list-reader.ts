import {isSeq, type Node} from 'yaml';
import type {ServiceDefinition} from '../supervisor/service-definition.js';
import {checkDuplicateId} from './duplicate-ids.js';
import {MapReader} from './map-reader.js';
import {readService, type ServiceDefaults} from './service-reader.js';

/** The `services:` list; undefined when the file has none. */
export function readServices(root: MapReader, defaults: ServiceDefaults): ServiceDefinition[] | undefined {
	const list = root.node('services');
	if (list === undefined && !root.has('services')) {
		return undefined;
	}

	if (!isSeq(list)) {
		root.report('services', 'services must be a list of service definitions');
		return undefined;
	}

	const services: ServiceDefinition[] = [];
	const seen = new Map<string, Node>();
	for (const item of list.items) {
		const reader = MapReader.of(root.source, item, 'a service');
		checkDuplicateId(reader, seen, 'service');
		const service = reader && readService(reader, defaults);
		if (service) {
			services.push(service);
		}
	}

	return services;
}
