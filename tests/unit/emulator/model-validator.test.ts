// The validator must catch each kind of drift, or the conformance test would prove nothing.
import { describe, expect, it } from 'vitest';
import { loadModel, loadPaginators } from '../../emulator/model';
import { parseXml, validateErrorResponse, validateJsonOutput, validatePaginationTokens, validateQueryOutput } from './model-validator';

const config = loadModel('config');
const iam = loadModel('iam');
const sts = loadModel('sts');

describe('model validator', () => {
  it('accepts a response that matches the model', () => {
    const body = JSON.stringify({ ConfigRules: [{ ConfigRuleName: 'r', Source: { Owner: 'AWS', SourceIdentifier: 'X' }, ConfigRuleState: 'ACTIVE' }] });
    expect(validateJsonOutput(config, 'DescribeConfigRules', body)).toEqual([]);
  });

  it('flags unknown members, wrong types, enums outside the model and missing required members', () => {
    const body = JSON.stringify({
      ConfigRules: [{ ConfigRuleName: 7, Source: { SourceIdentifier: 'X' }, ConfigRuleState: 'RUNNING', Colour: 'red' }],
    });
    const problems = validateJsonOutput(config, 'DescribeConfigRules', body);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('ConfigRuleName: expected a string'),
        expect.stringContaining('Source.Owner: required member'),
        expect.stringContaining('"RUNNING" is not in the model\'s enum'),
        expect.stringContaining('Colour: member is not in ConfigRule'),
      ]),
    );
  });

  it('flags JSON timestamps that are not epoch seconds', () => {
    const body = JSON.stringify({ EvaluationResults: [{ ResultRecordedTime: '2026-01-01T00:00:00Z' }] });
    expect(validateJsonOutput(config, 'GetComplianceDetailsByConfigRule', body)).toEqual([expect.stringContaining('expected epoch seconds')]);
  });

  it('checks query XML: namespace, result wrapper, list members and scalars', () => {
    const good = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>a</Arn><UserId>u</UserId><Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    expect(validateQueryOutput(sts, 'GetCallerIdentity', good)).toEqual([]);
    const wrongNamespace = good.replace('2011-06-15/', '2011-06-16/');
    expect(validateQueryOutput(sts, 'GetCallerIdentity', wrongNamespace)).toEqual([expect.stringContaining('xmlns')]);
    const badList = `<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users><item><UserName>x</UserName></item></Users><IsTruncated>maybe</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>`;
    const problems = validateQueryOutput(iam, 'ListUsers', badList);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('list item must be <member>'), expect.stringContaining('expected true/false')]));
  });

  it('accepts only error codes the model lists for the operation or common AWS errors', () => {
    const headers = { 'x-amzn-errortype': 'NoSuchConfigRuleException' };
    expect(validateErrorResponse(config, 'config', 'GetComplianceDetailsByConfigRule', 400, JSON.stringify({ __type: 'NoSuchConfigRuleException', message: 'm' }), headers)).toEqual([]);
    expect(validateErrorResponse(config, 'config', 'DescribeConfigRules', 400, JSON.stringify({ __type: 'NoSuchBucket', message: 'm' }), {})).toEqual([
      expect.stringContaining('error code NoSuchBucket is neither modelled'),
    ]);
    const queryError = `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    expect(validateErrorResponse(iam, 'iam', 'GetAccountPasswordPolicy', 404, queryError, {})).toEqual([]);
    expect(validateErrorResponse(iam, 'iam', 'ListUsers', 404, queryError, {})).toEqual([expect.stringContaining('NoSuchEntity is neither modelled')]);
  });

  it('accepts only the paginator\'s token names', () => {
    expect(validatePaginationTokens(loadPaginators('config'), 'DescribeConfigRules', { NextToken: 't' }, ['NextToken', 'nextToken'])).toEqual([]);
    expect(validatePaginationTokens(loadPaginators('config'), 'DescribeConfigRules', { nextToken: 't' }, ['NextToken', 'nextToken'])).toEqual([
      expect.stringContaining('returned token nextToken'),
    ]);
    expect(validatePaginationTokens(loadPaginators('config'), 'DescribeConfigurationRecorders', { NextToken: 't' }, ['NextToken'])).toEqual([expect.stringContaining('has no paginator')]);
  });

  it('parses XML strictly', () => {
    expect(parseXml('<a x="1"><b>t &amp; u</b><c/></a>')).toMatchObject({ name: 'a', attributes: { x: '1' }, children: [{ name: 'b', text: 't & u' }, { name: 'c' }] });
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
