import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { STREAM_HUB } from './stream-hub';
import { InMemoryStreamHub } from './in-memory-stream-hub';

/** Provides the stream hub: in-process by default (a Redis one drops in behind STREAM_HUB). */
@Module({})
export class StreamingModule {
  static forRoot(_config: AppConfig): DynamicModule {
    return {
      module: StreamingModule,
      global: true,
      providers: [{ provide: STREAM_HUB, useClass: InMemoryStreamHub }],
      exports: [STREAM_HUB],
    };
  }
}
