import { Injectable } from '@nestjs/common';

/** Placeholder until the Fernet implementation lands. */
@Injectable()
export class EncryptionService {
  encryptApiKey(_plaintext: string): string {
    throw new Error('not implemented');
  }
  decryptApiKey(_token: string): string {
    throw new Error('not implemented');
  }
}
