export * from './constructs/redis';
