export * from './principal';
export * from './jwt-verifier';
export * from './local-issuer';
export * from './case-access.policy';
export * from './purpose';
