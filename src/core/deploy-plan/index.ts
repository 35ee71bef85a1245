// Deploy planning without the AWS SDK or the editor: everything here is pure and tested alone.
export * from './capabilities';
export * from './changes';
export * from './errors';
export * from './events';
export * from './params';
export * from './stack-state';
export * from './template-body';
export * from './html';
export * from './secret-outputs';
export { STACK_NAME, STACK_NAME_RULE, stackNameFromFileName, stackNameProblem, TEMPLATE_BODY_BYTES, TEMPLATE_URL_BYTES } from '../cloudformation-limits';
