// S3 Control GetPublicAccessBlock (rest-xml, signed as "s3"; no botocore model in the project: responses are
// validated against the schema the SDK client embeds). S3 Control's endpoint rules put the account id in the host
// name, which a loopback IP cannot take: clients reach the emulator with `endpointProvider: () => ({ url: new URL(emulatorUrl) })`.
import { AwsError } from '../context';
import type { RestRoute } from './trustedadvisor';

const S3_CONTROL_NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';

export const s3ControlRoutes: RestRoute[] = [
  {
    operation: 'GetPublicAccessBlock',
    method: 'GET',
    pattern: /^\/v20180820\/configuration\/publicAccessBlock$/,
    input: (_url, headers) => ({ AccountId: headers['x-amz-account-id'] }),
    handler: (context, input) => {
      if (input.AccountId !== context.account.accountId) {
        throw new AwsError('AccessDenied', `Access Denied: x-amz-account-id "${String(input.AccountId)}" is not the caller's account`, 403);
      }
      const block = context.account.s3PublicAccessBlock;
      if (!block) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      const fields = (['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).map((name) => `<${name}>${block[name]}</${name}>`).join('');
      return `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="${S3_CONTROL_NAMESPACE}">${fields}</PublicAccessBlockConfiguration>`;
    },
  },
];
