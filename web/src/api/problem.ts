// problem+json as the dashboard sees it: the client package's ApiProblem.
export { ApiProblem, asProblem } from '../../../packages/client/src/problem';
