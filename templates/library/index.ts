export * from './constructs/web-service';
