import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EncryptionService } from './encryption.service';
import { loadEncryptionKeys } from './encryption-keys';

/**
 * Keys are resolved and validated while the provider is built, so a malformed ENCRYPTION_KEY
 * fails the boot (ConfigError) rather than the first request that needs it.
 */
@Module({
  providers: [
    {
      provide: EncryptionService,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new EncryptionService(loadEncryptionKeys(config, new Logger('Encryption'))),
    },
  ],
  exports: [EncryptionService],
})
export class CryptoModule {}
