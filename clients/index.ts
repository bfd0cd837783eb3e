export { createVigilRestClient, type VigilRestClientOptions } from './rest.ts';
export { createVigilTrpcClient, type VigilTrpcClientOptions } from './trpc.ts';
