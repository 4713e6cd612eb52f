import { DeepPartial, FindOptionsOrder, FindOptionsRelations, FindOptionsWhere, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PageQueryDto } from './page-query.dto';
import { ResourceDomainError, ResourceErrorCode } from './resource.errors';

interface Identified {
  id: number;
}

/**
 * The list/get/create/update/delete every resource shares; a resource adds its DTO mapping and,
 * where it has them, relations to load, references to check and rules for deleting.
 */
export abstract class ResourceService<E extends Identified, D> {
  /** Loaded with every read, so the DTO can embed them. */
  protected readonly relations?: FindOptionsRelations<E>;

  protected constructor(
    protected readonly repo: Repository<E>,
    /** How messages name one record: "AI model", "Chat session". */
    readonly noun: string,
  ) {}

  abstract toDto(entity: E): D;

  /** Checks the ids a create or update refers to; throws a ResourceDomainError naming the first bad one. */
  protected async checkReferences(_values: DeepPartial<E>): Promise<void> {}

  async list(page: PageQueryDto): Promise<D[]> {
    const rows = await this.repo.find({
      order: { id: 'ASC' } as FindOptionsOrder<E>,
      take: page.limit,
      skip: page.offset,
      relations: this.relations,
    });
    return rows.map((row) => this.toDto(row));
  }

  /** The record with its relations; 404 "Chat session 42 does not exist" when there is none. */
  async load(id: number): Promise<E> {
    // find, not findOne: findOne's implicit LIMIT makes TypeORM run a DISTINCT pre-query when joining.
    const found = (await this.repo.find({ where: { id } as FindOptionsWhere<E>, relations: this.relations })).at(0);
    if (!found) throw this.notFound(id);
    return found;
  }

  async exists(id: number): Promise<boolean> {
    return this.repo.existsBy({ id } as FindOptionsWhere<E>);
  }

  async assertExists(id: number): Promise<void> {
    if (!(await this.exists(id))) throw this.notFound(id);
  }

  async get(id: number): Promise<D> {
    return this.toDto(await this.load(id));
  }

  async create(values: DeepPartial<E>): Promise<D> {
    await this.checkReferences(values);
    const saved = await this.repo.save(this.repo.create(values));
    return this.get(saved.id);
  }

  /** Applies the fields that are present; `null` clears a nullable one. */
  async update(id: number, changes: DeepPartial<E>): Promise<D> {
    await this.assertExists(id);
    await this.checkReferences(changes);
    const present = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(present).length > 0) {
      await this.repo.update(id, present as QueryDeepPartialEntity<E>);
    }
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    const result = await this.repo.delete(id);
    if (!result.affected) throw this.notFound(id);
  }

  /** "Chat session 42 does not exist" */
  notFound(id: number): ResourceDomainError {
    return new ResourceDomainError(ResourceErrorCode.NotFound, `${this.noun} ${id} does not exist`);
  }
}
