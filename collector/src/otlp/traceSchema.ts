import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

// Resolved against this module, not the process cwd, so the collector can start from anywhere.
const root = protobuf.loadSync(fileURLToPath(new URL('./trace.proto', import.meta.url)));

export const ExportTraceServiceRequest = root.lookupType('opentelemetry.proto.v1.ExportTraceServiceRequest');
export const ExportTraceServiceResponse = root.lookupType('opentelemetry.proto.v1.ExportTraceServiceResponse');
export const RpcStatus = root.lookupType('opentelemetry.proto.v1.RpcStatus');
