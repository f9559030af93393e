import { fireEvent, render, screen } from '@testing-library/react'
import { DateField } from '../src/components/DateField'

describe('the browser date field: 年 / 月 / 日 lists', () => {
  test('a date is given only when all three are chosen; a day past the month end becomes its last day', () => {
    const onChange = jest.fn()
    render(<DateField name="出生日期" value={null} start="1900-01-01" end="2026-11-30" placeholder="请选择出生日期" onChange={onChange} />)
    expect(screen.getByRole('group', { name: '出生日期' })).toBeInTheDocument()
    const years = screen.getByLabelText('出生日期：年') as HTMLSelectElement
    // Newest year first, in Chinese, nothing after the end bound.
    expect(years.options[1]?.text).toBe('2026年')
    expect(years.options[years.options.length - 1]?.text).toBe('1900年')
    fireEvent.change(years, { target: { value: '1962' } })
    fireEvent.change(screen.getByLabelText('出生日期：月'), { target: { value: '1' } })
    expect(onChange).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('出生日期：日'), { target: { value: '31' } })
    expect(onChange).toHaveBeenLastCalledWith('1962-01-31')
    fireEvent.change(screen.getByLabelText('出生日期：月'), { target: { value: '2' } })
    expect(onChange).toHaveBeenLastCalledWith('1962-02-28')
    expect((screen.getByLabelText('出生日期：日') as HTMLSelectElement).options).toHaveLength(29)
  })
})
