// The user form checks what the server checks before sending, and shows the
// server's own refusals (ALREADY_EXISTS, LAST_ADMIN) clearly.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../studio/src/api/http';
import type { UserRow } from '../../../studio/src/api/users.api';
import { createBody, emptyUserForm, patchBody, validateUserForm, type UserForm } from '../../../studio/src/pages/users/user-form';
import { mountPage } from './support';

const api = vi.hoisted(() => ({ list: vi.fn(), create: vi.fn(), update: vi.fn() }));
vi.mock('../../../studio/src/api/users.api', () => ({ usersApi: { list: api.list, create: api.create, update: api.update, get: vi.fn() } }));
const { default: UserFormDialog } = await import('../../../studio/src/pages/users/UserFormDialog.vue');
const { default: UserListPage } = await import('../../../studio/src/pages/users/UserListPage.vue');

const form = (patch: Partial<UserForm>): UserForm => ({ ...emptyUserForm(), username: 'li.si', displayName: '李四', role: 'auditor', password: 'long-enough', confirm: 'long-enough', ...patch });

describe('validateUserForm', () => {
  it.each([
    ['a valid auditor', form({}), {}],
    ['no user name', form({ username: '' }), { username: 'users.errors.usernameRequired' }],
    ['a user name with spaces', form({ username: 'li si' }), { username: 'users.errors.usernamePattern' }],
    ['a one-letter user name', form({ username: 'l' }), { username: 'users.errors.usernamePattern' }],
    ['no name', form({ displayName: '  ' }), { displayName: 'users.errors.displayNameRequired' }],
    ['a name too long', form({ displayName: '长'.repeat(65) }), { displayName: 'users.errors.tooLong' }],
    ['no role', form({ role: '' }), { role: 'users.errors.roleRequired' }],
    ['an official without department', form({ role: 'official' }), { department: 'users.errors.departmentRequired' }],
    ['an official with department', form({ role: 'official', department: 'education' }), {}],
    ['a committee member without series', form({ role: 'committee' }), { series: 'users.errors.seriesRequired' }],
    ['a short password', form({ password: 'short', confirm: 'short' }), { password: 'users.errors.passwordShort' }],
    ['nine characters', form({ password: 'ninechars', confirm: 'ninechars' }), { password: 'users.errors.passwordShort' }],
    ['ten Chinese characters', form({ password: '十个汉字的一句口令啊', confirm: '十个汉字的一句口令啊' }), {}],
    ['the user name', form({ username: 'wang.xiaoming', password: 'Wang.XiaoMing', confirm: 'Wang.XiaoMing' }), { password: 'users.errors.passwordIsUsername' }],
    ['passwords that differ', form({ confirm: 'long-enougH' }), { confirm: 'users.errors.passwordMismatch' }],
  ] as const)('%s', (_name, input, expected) => {
    expect(validateUserForm(input, 'create')).toEqual(expected);
  });

  it('does not ask for a user name or password when editing', () => {
    expect(validateUserForm(form({ username: '', password: '', confirm: '' }), 'edit')).toEqual({});
  });

  it('sends only the scope the role uses, and only what changed', () => {
    expect(createBody(form({ role: 'official', department: 'education', series: 'teacher' }))).toEqual({ username: 'li.si', displayName: '李四', role: 'official', department: 'education', password: 'long-enough' });
    const user: UserRow = { username: 'li.si', displayName: '李四', role: 'auditor', disabled: false };
    expect(patchBody(form({ role: 'committee', series: 'health' }), user)).toEqual({ role: 'committee', series: 'health' });
    expect(patchBody(form({}), user)).toEqual({});
  });
});

describe('UserFormDialog', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    document.body.innerHTML = '';
  });

  it('marks the missing fields and sends nothing', async () => {
    await mountPage(UserFormDialog, 'admin', { props: { open: true, user: null } });
    document.querySelector<HTMLButtonElement>('[data-test="user-save"]')!.click();
    await flushPromises();
    expect(api.create).not.toHaveBeenCalled();
    expect(document.querySelectorAll('[data-test="user-form"] .el-form-item.is-error').length).toBe(4);
  });

  it('shows ALREADY_EXISTS from the server and keeps the input', async () => {
    api.create.mockRejectedValue(new ApiError({ statusCode: 409, code: 'ALREADY_EXISTS', message: 'taken', details: { text: { zh: '用户 li.si 已存在', en: 'User li.si exists' } } }));
    const { wrapper } = await mountPage(UserFormDialog, 'admin', { props: { open: true, user: null } });
    const fill = (test: string, value: string) => {
      const input = document.querySelector<HTMLInputElement>(`[data-test="${test}"] input, input[data-test="${test}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('field-username', 'li.si');
    fill('field-displayName', '李四');
    fill('field-password', 'long-enough');
    fill('field-confirm', 'long-enough');
    // The role select is Element Plus's; set it the way a choice would.
    (wrapper.vm as unknown as { $: { setupState: { form: UserForm } } }).$.setupState.form.role = 'auditor';
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-test="user-save"]')!.click();
    await flushPromises();
    expect(api.create).toHaveBeenCalledWith({ username: 'li.si', displayName: '李四', role: 'auditor', password: 'long-enough' });
    const alert = document.querySelector('[data-test="user-form"] [data-test="api-error"]');
    expect(alert?.getAttribute('data-code')).toBe('ALREADY_EXISTS');
    expect(alert?.textContent).toContain('用户 li.si 已存在');
    expect(alert?.textContent).toContain('该用户名或规则集标识已被使用');
    expect(document.querySelector<HTMLInputElement>('[data-test="field-username"] input, input[data-test="field-username"]')!.value).toBe('li.si');
  });
});

describe('UserListPage', () => {
  const users: UserRow[] = [
    { username: 'admin', displayName: '管理员', role: 'admin', disabled: false },
    { username: 'edu-official', displayName: '王科长', role: 'official', department: 'education', disabled: false },
  ];
  beforeEach(() => {
    vi.clearAllMocks();
    document.body.innerHTML = '';
    api.list.mockResolvedValue({ users });
  });

  it('shows LAST_ADMIN clearly when disabling the last administrator', async () => {
    api.update.mockRejectedValue(new ApiError({ statusCode: 409, code: 'LAST_ADMIN', message: 'last', details: { text: { zh: 'admin 是最后一个可用的管理员', en: 'admin is the last enabled administrator' } } }));
    const { wrapper } = await mountPage(UserListPage, 'admin');
    expect(wrapper.text()).toContain('州教育局');
    await wrapper.get('[data-test="toggle-admin"]').trigger('click');
    await flushPromises();
    // The confirmation comes first (disabling signs the user out).
    document.querySelector<HTMLButtonElement>('.el-message-box .el-button--danger, .el-message-box__btns .el-button--primary')!.click();
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await flushPromises();
    expect(api.update).toHaveBeenCalledWith('admin', { disabled: true });
    const alert = wrapper.get('[data-test="api-error"]');
    expect(alert.attributes('data-code')).toBe('LAST_ADMIN');
    expect(alert.text()).toContain('最后一个可用的管理员');
  });

  it('lets an auditor read without any button to change', async () => {
    const { wrapper } = await mountPage(UserListPage, 'auditor');
    expect(wrapper.text()).toContain('王科长');
    expect(wrapper.find('[data-test="create-user"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="toggle-admin"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('审计角色只能查看用户');
  });
});
