export { diagnose, systemResolvers } from './diagnose';
