// data: URLs in the sandbox's axios adapter, as Node's http adapter answers them.
import AxiosError from '../node_modules/axios/lib/core/AxiosError.js';
import AxiosHeaders from '../node_modules/axios/lib/core/AxiosHeaders.js';
import fromDataURI from '../node_modules/axios/lib/helpers/fromDataURI.js';
import utils from '../node_modules/axios/lib/utils.js';
import { estimateDataURLBufferAllocation } from '../node_modules/axios/lib/helpers/estimateDataURLDecodedBytes.js';

export function dataUrlResponse(o) {
  const { config, own, method, fullPath, maxContentLength, responseType, responseEncoding, resolve, reject } = o;
  const tooLarge = () => new AxiosError('maxContentLength size of ' + maxContentLength + ' exceeded',
    AxiosError.ERR_BAD_RESPONSE, config);
  if (maxContentLength > -1 && estimateDataURLBufferAllocation(String(own('url') || fullPath || '')) > maxContentLength) {
    return reject(tooLarge());
  }
  if (method !== 'GET') {
    return resolve({ status: 405, statusText: 'method not allowed', headers: {}, config });
  }
  let data;
  try {
    data = fromDataURI(own('url'), responseType === 'blob', { Blob: config.env && config.env.Blob });
  } catch (err) {
    throw AxiosError.from(err, AxiosError.ERR_BAD_REQUEST, config);
  }
  if (maxContentLength > -1 && (responseType === 'blob' ? data.size : data.length) > maxContentLength) {
    return reject(tooLarge());
  }
  if (responseType === 'text') {
    data = data.toString(responseEncoding);
    if (!responseEncoding || responseEncoding === 'utf8') data = utils.stripBOM(data);
  } else if (responseType === 'stream') {
    const { IncomingMessage } = require('npm/axios_stream'); // Node: Readable.from(buffer)
    data = new IncomingMessage(data, 200, 'OK', {});
  }
  return resolve({ data, status: 200, statusText: 'OK', headers: new AxiosHeaders(), config });
}
